<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition: TEI to paged HTML that WeasyPrint typesets with xslt/assets/print.css.
  Element behaviours, names, anchors, note labels and index contents come from common/, the
  index order from index.xsl (the same Unicode collation as the web index); this stylesheet only adds what a book needs: title page, contents,
  paragraph numbers in the margin, note markers and footnotes, and indexes whose locators are
  links to each mention, numbered by the builder from the pages the renderer gave them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- index.xsl brings the web index's headings and order (and, through html.xsl, the common templates). -->
  <xsl:import href="index.xsl"/>
  <xsl:include href="print/book.xsl"/>
  <xsl:include href="print/notes.xsl"/>
  <xsl:include href="print/indexes.xsl"/>
  <xsl:include href="print/phrases.xsl"/>
  <xsl:include href="print/readings.xsl"/>
  <xsl:include href="print/registers.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <!-- Where the builder put the stylesheet, relative to the HTML (for build/pdf/print.html). -->
  <xsl:param name="tk:stylesheet" as="xs:string" select="'print.css'"/>
  <!-- Page size, fonts and typography chosen by the caller, as CSS that follows print.css. -->
  <xsl:param name="tk:print-style" as="xs:string" select="''"/>
  <!-- Registers printed at the back, in this order (a project's book: toolkit/project/book.py's BOOK_INDEXES). -->
  <xsl:param name="tk:print-registers" as="xs:string" select="'persons places'"/>
  <!-- Works and objects are registers of the book when it indexes them. -->
  <xsl:variable name="tk:registers" as="xs:string+"
      select="distinct-values(('persons', 'places', 'organisations', tokenize($tk:print-registers)))"/>
</xsl:stylesheet>
