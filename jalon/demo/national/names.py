"""French first and last names for the national dataset, combined at random (no Faker per row).

First names are those commonly given in France between 2000 and 2010 (the young people of the
dataset); last names are the most frequent French surnames.
"""

FEMALE_FIRST_NAMES = """
Emma Léa Manon Chloé Camille Inès Sarah Jade Lina Lucie Clara Zoé Anaïs Océane Marie Lola
Mathilde Louise Juliette Eva Pauline Maëlys Romane Julie Léna Laura Margaux Noémie Alice Lou
Charlotte Ambre Marion Justine Émilie Elisa Clémence Anna Louna Maëva Nina Mélissa Salomé
Candice Célia Morgane Amandine Élodie Lisa Maéva Axelle Jeanne Agathe Apolline Capucine Yasmine
Nour Aya Sofia Meriem Kenza Myriam Imane Assia Rania Lilou Mélanie Coralie Aurélie Audrey Alicia
Elsa Héloïse Victoire Flavie Fanny Estelle Solène Gwendoline Anaëlle Naomi Ilona Maïwenn Lana
Éléonore Valentine Cassandra Lucile Albane Eloïse Marine Mélodie Mathilda Leïla Samia Fatoumata
Aminata Awa Mariam Kadiatou Aïcha Hawa Précillia Shaïna Kimberley Jessica Jennifer Cindy Émeline
Laurine Ophélie Tiphaine Cyrielle Maelle Adèle Iris Rose Gabrielle Victoria Constance Faustine
Blandine Lily Kelly Sabrina Samira Nadia Sonia Dounia Hanae Chaïma Malak Maryam Ilhem
""".split()

MALE_FIRST_NAMES = """
Lucas Enzo Thomas Hugo Théo Mathis Nathan Louis Maxime Alexandre Antoine Clément Baptiste Paul
Quentin Julien Romain Valentin Kevin Nicolas Alexis Tom Matthieu Arthur Raphaël Gabriel Léo
Jules Adam Ethan Noah Mathéo Evan Axel Dylan Tristan Florian Corentin Benjamin Victor Martin
Bastien Anthony Jérémy Loïc Adrien Rayan Yanis Ilyes Mohamed Mehdi Karim Yassine Sofiane Bilal
Amine Nassim Ryan Samy Walid Hamza Anis Idriss Moussa Mamadou Ibrahima Oumar Souleymane Youssouf
Cheikh Ismaël Kylian Killian Esteban Lorenzo Matteo Diego Nolan Timéo Sacha Robin Simon Pierre
Jean Vincent Guillaume Damien Jordan Steven Brandon Jason Jonathan Mickaël Cédric Arnaud Jérôme
Samuel Elias Yanis Marius Gaspard Aurélien Fabien Gaëtan Erwan Ronan Yann Gwenaël Mathias Rémi
Loris Tony Dorian Mathys Noa Ewan Lenny Nael Ayoub Zakaria Idris Wassim Younes Ilian Kaïs
Amir Rayane Naël Sami Malik Djibril Hakim Farid Riad Issa Moustapha Lamine
""".split()

LAST_NAMES = """
Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre
Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent
Muller Lefebvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand
Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson
Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud
Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy
Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier
Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez
Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur
Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles
Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le Gall
Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Cousin Germain Breton Besson
Langlois Rémy Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet
Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier
Chevallier Collin Chauvin Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine
Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte
Benali Haddad Amrani Bensaïd Belkacem Cherif Mansouri Bouzid Diallo Traoré Koné Diop Camara
Ndiaye Sow Cissé Touré Keita Fofana Sylla Nguyen Tran Pham Ferreira Pereira Rodrigues Santos
Oliveira Gomes Lopes Moreira Costa Alves
""".split()

LAST_NAMES += ["Le Gall", "Le Roux", "Le Goff", "Da Silva"]
