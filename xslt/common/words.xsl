<?xml version="1.0" encoding="UTF-8"?>
<!--
  The interface words every output prints (headings, labels, buttons), in English, German and
  French. The language is the one asked for (tk:interface-language), else the document's
  (its xml:lang, its text's, the header's first language), else English. A project adds or
  replaces words with tk:interface-words-json: {"notes": {"en": "Endnotes"}, ...}.
  tk:word(key) returns a word; a key without a word is shown as readable text ("birthPlace"
  becomes "Birth place").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:param name="tk:interface-language" as="xs:string" select="''">
    <!-- en, de or fr; empty: the document's language. -->
  </xsl:param>
  <xsl:param name="tk:interface-words-json" as="xs:string" select="''">
    <!-- A project's own words, as JSON: key -> language -> word. -->
  </xsl:param>

  <xsl:variable name="tk:interface-languages" as="xs:string+" select="('en', 'de', 'fr')"/>

  <xsl:variable name="tk:ui-language" as="xs:string" select="
    (($tk:interface-language, $tk:source/*/@xml:lang, ($tk:source//*:text)[1]/@xml:lang,
      ($tk:source//*:langUsage/*:language)[1]/@ident)
      ! lower-case(tokenize(tk:bcp47(string(.)), '-')[1])[. = $tk:interface-languages], 'en')[1]"/>

  <xsl:variable name="tk:words" as="map(xs:string, map(*))" select="map{
    'text': map{'en': 'Text', 'de': 'Text', 'fr': 'Texte'},
    'persons': map{'en': 'Persons', 'de': 'Personen', 'fr': 'Personnes'},
    'places': map{'en': 'Places', 'de': 'Orte', 'fr': 'Lieux'},
    'organisations': map{'en': 'Organisations', 'de': 'Organisationen', 'fr': 'Organisations'},
    'timeline': map{'en': 'Timeline', 'de': 'Zeitleiste', 'fr': 'Chronologie'},
    'map': map{'en': 'Map', 'de': 'Karte', 'fr': 'Carte'},
    'about': map{'en': 'About', 'de': 'Über die Edition', 'fr': 'À propos'},
    'search': map{'en': 'Search', 'de': 'Suche', 'fr': 'Recherche'},
    'skip': map{'en': 'Skip to the content', 'de': 'Zum Inhalt springen', 'fr': 'Aller au contenu'},
    'licence': map{'en': 'Licence', 'de': 'Lizenz', 'fr': 'Licence'},
    'tei-source': map{'en': 'TEI source', 'de': 'TEI-Quelle', 'fr': 'Source TEI'},
    'built': map{'en': 'Built', 'de': 'Erstellt am', 'fr': 'Produit le'},
    'with-teikit': map{'en': 'with teikit.', 'de': 'mit teikit.', 'fr': 'avec teikit.'},
    'author': map{'en': 'Author', 'de': 'Autor', 'fr': 'Auteur'},
    'editor': map{'en': 'Editor', 'de': 'Herausgeber', 'fr': 'Éditeur'},
    'published-by': map{'en': 'Published by', 'de': 'Veröffentlicht von', 'fr': 'Publié par'},
    'about-link': map{'en': 'About this edition: source, editorial principles, revisions',
                      'de': 'Über diese Edition: Quelle, Editionsrichtlinien, Änderungen',
                      'fr': 'À propos de cette édition : source, principes éditoriaux, révisions'},
    'contents': map{'en': 'Contents', 'de': 'Inhalt', 'fr': 'Sommaire'},
    'notes': map{'en': 'Notes', 'de': 'Anmerkungen', 'fr': 'Notes'},
    'note': map{'en': 'Note', 'de': 'Anmerkung', 'fr': 'Note'},
    'editorial-note': map{'en': 'Editorial note.', 'de': 'Anmerkung der Herausgeber.', 'fr': 'Note de l’éditeur.'},
    'back-to-note': map{'en': 'Back to the text at note', 'de': 'Zurück zum Text bei Anmerkung', 'fr': 'Retour au texte, note'},
    'paragraph': map{'en': 'Paragraph', 'de': 'Absatz', 'fr': 'Paragraphe'},
    'page': map{'en': 'page', 'de': 'Seite', 'fr': 'page'},
    'page-break': map{'en': 'page break', 'de': 'Seitenwechsel', 'fr': 'changement de page'},
    'omitted': map{'en': 'omitted', 'de': 'ausgelassen', 'fr': 'omis'},
    'diplomatic-view': map{'en': 'Diplomatic view (source readings)', 'de': 'Diplomatische Ansicht (Lesarten der Quelle)',
                           'fr': 'Vue diplomatique (leçons de la source)'},
    'view-help': map{'en': 'Corrections are shown; the switch shows the source''s own readings instead.',
                     'de': 'Gezeigt werden die Korrekturen; der Schalter zeigt stattdessen die Lesarten der Quelle.',
                     'fr': 'Les corrections sont affichées ; le bouton montre à la place les leçons de la source.'},
    'source-reads': map{'en': 'Source reads', 'de': 'Quelle', 'fr': 'La source porte'},
    'original-spelling': map{'en': 'Original spelling', 'de': 'Originalschreibung', 'fr': 'Graphie originale'},
    'abbreviated': map{'en': 'Abbreviated', 'de': 'Abgekürzt', 'fr': 'Abrégé'},
    'variant-reading': map{'en': 'Variant reading', 'de': 'Variante', 'fr': 'Variante'},
    'corrected': map{'en': 'Corrected', 'de': 'Korrigiert', 'fr': 'Corrigé'},
    'regularised': map{'en': 'Regularised', 'de': 'Normalisiert', 'fr': 'Normalisé'},
    'expanded': map{'en': 'Expanded', 'de': 'Aufgelöst', 'fr': 'Développé'},
    'reading': map{'en': 'Reading', 'de': 'Lesart', 'fr': 'Leçon'},
    'listBibl': map{'en': 'Bibliography', 'de': 'Bibliographie', 'fr': 'Bibliographie'},
    'listEvent': map{'en': 'Events', 'de': 'Ereignisse', 'fr': 'Événements'},
    'listRelation': map{'en': 'Relations', 'de': 'Beziehungen', 'fr': 'Relations'},
    'listPerson': map{'en': 'Persons', 'de': 'Personen', 'fr': 'Personnes'},
    'listPlace': map{'en': 'Places', 'de': 'Orte', 'fr': 'Lieux'},
    'listOrg': map{'en': 'Organisations', 'de': 'Organisationen', 'fr': 'Organisations'},
    'registers': map{'en': 'Registers', 'de': 'Register', 'fr': 'Index'},
    'apparatus': map{'en': 'Critical apparatus', 'de': 'Kritischer Apparat', 'fr': 'Apparat critique'},
    'variant': map{'en': 'Variant', 'de': 'Variante', 'fr': 'Variante'},
    'source-readings': map{'en': 'Readings of the source', 'de': 'Lesarten der Quelle', 'fr': 'Leçons de la source'},
    'witnesses': map{'en': 'Witnesses', 'de': 'Textzeugen', 'fr': 'Témoins'},
    'witness-view': map{'en': 'Read the text of', 'de': 'Text lesen nach', 'fr': 'Lire le texte de'},
    'edited-text': map{'en': 'the edited text', 'de': 'dem edierten Text', 'fr': 'le texte édité'},
    'omits': map{'en': 'om.', 'de': 'om.', 'fr': 'om.'},
    'lemma-missing': map{'en': 'no lemma', 'de': 'kein Lemma', 'fr': 'pas de lemme'},
    'untitled': map{'en': 'Untitled document', 'de': 'Dokument ohne Titel', 'fr': 'Document sans titre'},
    'birth': map{'en': 'Born', 'de': 'Geboren', 'fr': 'Naissance'},
    'death': map{'en': 'Died', 'de': 'Gestorben', 'fr': 'Décès'},
    'floruit': map{'en': 'Active', 'de': 'Wirkungszeit', 'fr': 'Période d’activité'},
    'occupation': map{'en': 'Occupation', 'de': 'Beruf', 'fr': 'Profession'},
    'residence': map{'en': 'Residence', 'de': 'Wohnort', 'fr': 'Résidence'},
    'affiliation': map{'en': 'Affiliation', 'de': 'Zugehörigkeit', 'fr': 'Affiliation'},
    'education': map{'en': 'Education', 'de': 'Ausbildung', 'fr': 'Formation'},
    'nationality': map{'en': 'Nationality', 'de': 'Nationalität', 'fr': 'Nationalité'},
    'faith': map{'en': 'Faith', 'de': 'Konfession', 'fr': 'Confession'},
    'sex': map{'en': 'Sex', 'de': 'Geschlecht', 'fr': 'Sexe'},
    'gender': map{'en': 'Gender', 'de': 'Geschlecht', 'fr': 'Genre'},
    'idno': map{'en': 'Identifier', 'de': 'Kennung', 'fr': 'Identifiant'},
    'location': map{'en': 'Location', 'de': 'Lage', 'fr': 'Localisation'},
    'geo': map{'en': 'Coordinates', 'de': 'Koordinaten', 'fr': 'Coordonnées'},
    'desc': map{'en': 'Description', 'de': 'Beschreibung', 'fr': 'Description'},
    'persName': map{'en': 'Name', 'de': 'Name', 'fr': 'Nom'},
    'placeName': map{'en': 'Name', 'de': 'Name', 'fr': 'Nom'},
    'orgName': map{'en': 'Name', 'de': 'Name', 'fr': 'Nom'},
    'name': map{'en': 'Name', 'de': 'Name', 'fr': 'Nom'},
    'country': map{'en': 'Country', 'de': 'Land', 'fr': 'Pays'},
    'settlement': map{'en': 'Settlement', 'de': 'Ort', 'fr': 'Localité'},
    'region': map{'en': 'Region', 'de': 'Region', 'fr': 'Région'},
    'district': map{'en': 'District', 'de': 'Bezirk', 'fr': 'District'},
    'event': map{'en': 'Event', 'de': 'Ereignis', 'fr': 'Événement'},
    'relation': map{'en': 'Relation', 'de': 'Beziehung', 'fr': 'Relation'},
    'person': map{'en': 'Person', 'de': 'Person', 'fr': 'Personne'},
    'place': map{'en': 'Place', 'de': 'Ort', 'fr': 'Lieu'},
    'org': map{'en': 'Organisation', 'de': 'Organisation', 'fr': 'Organisation'},
    'bibl': map{'en': 'Reference', 'de': 'Nachweis', 'fr': 'Référence'},
    'date': map{'en': 'Date', 'de': 'Datum', 'fr': 'Date'},
    'title': map{'en': 'Title', 'de': 'Titel', 'fr': 'Titre'}
  }"/>

  <xsl:variable name="tk:project-words" as="map(*)"
      select="if (normalize-space($tk:interface-words-json)) then parse-json($tk:interface-words-json) else map{}"/>

  <xsl:function name="tk:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="project" as="item()?" select="$tk:project-words($key)"/>
    <xsl:variable name="own" as="map(*)?" select="$tk:words($key)"/>
    <xsl:sequence select="(
      if ($project instance of map(*)) then ($project($tk:ui-language), $project('en'))[1] else (),
      $own ! (.($tk:ui-language), .('en')), tk:readable-key($key))[1]"/>
  </xsl:function>

  <!-- "birthPlace", "alternative-name" read as "Birth place", "Alternative name". -->
  <xsl:function name="tk:readable-key" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space(lower-case(replace(replace($key, '([a-z])([A-Z])', '$1 $2'), '[-_.]+', ' ')))"/>
    <xsl:sequence select="upper-case(substring($words, 1, 1)) || substring($words, 2)"/>
  </xsl:function>
</xsl:stylesheet>
