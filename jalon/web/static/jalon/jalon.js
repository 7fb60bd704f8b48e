// htmx requests carry the CSRF token, like forms do.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("meta[name=csrf-token]");
  if (token) event.detail.headers["X-CSRFToken"] = token.content;
});

// Behaviours declared by data attributes: the Content-Security-Policy forbids on...= handlers.
// Listening on the document also covers fragments htmx swaps in later.
document.addEventListener("click", (event) => {
  if (event.target.matches("[data-jalon-select-on-click]")) event.target.select();
});
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-jalon-submit-on-change]")) event.target.form.requestSubmit();
});
