def test_login_page_is_served(client, db):
    response = client.get("/connexion/")
    assert response.status_code == 200
    assert "Connexion à Jalon" in response.content.decode()
