<?xml version="1.0" encoding="UTF-8"?>
<!-- What the indexes hold: entries, their headings and cross-references, and every mention in the text. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The registers this output indexes. Works, events and objects are registers too where an output
       adds them here (a project's book: xslt/print.xsl); elsewhere a work is a bibliography entry. -->
  <xsl:variable name="tk:registers" as="xs:string+" select="('persons', 'places', 'organisations')"/>

  <!-- Entries of one register, wherever the document keeps them (standOff, back, header). -->
  <xsl:function name="tk:register-entries" as="element()*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="register" as="xs:string"/>
    <xsl:sequence select="
      if ($register = 'persons') then $doc//(person|personGrp)[@xml:id]
      else if ($register = 'places') then $doc//place[@xml:id]
      else if ($register = 'organisations') then $doc//org[@xml:id]
      else if ($register = 'works') then $doc//listBibl/(bibl|biblStruct|biblFull)[@xml:id]
      else if ($register = 'events') then $doc//listEvent//event[@xml:id]
      else if ($register = 'objects') then $doc//object[@xml:id]
      else ()"/>
  </xsl:function>

  <!-- Mentions of an entry in the text, in document order. -->
  <xsl:function name="tk:mentions" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="key('tk:mention', string($entry/@xml:id), root($entry))[tk:register-of($entry) = tk:name-register(.)]"/>
  </xsl:function>

  <!-- Which register a name element in the text points into (an rs says it with its @type). -->
  <xsl:function name="tk:name-register" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="
      if ($name/self::persName) then 'persons'
      else if ($name/self::placeName) then 'places'
      else if ($name/self::orgName) then 'organisations'
      else if ($name/self::title) then 'works'
      else if ($name/self::eventName) then 'events'
      else if ($name/self::objectName) then 'objects'
      else if ($name/self::rs) then (map{'person': 'persons', 'place': 'places', 'org': 'organisations',
                                         'work': 'works', 'event': 'events', 'object': 'objects'}(string($name/@type)), '')[1]
      else ''"/>
  </xsl:function>

  <!-- The heading of an entry: "Serge, Victor". -->
  <xsl:function name="tk:entry-heading" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" as="xs:string" select="tk:name-inverted(tk:preferred-name($entry))"/>
    <xsl:sequence select="if ($name) then $name else string($entry/@xml:id)"/>
  </xsl:function>

  <!-- Variant names worth a cross-reference: those that are not just another spelling of the heading. -->
  <xsl:function name="tk:cross-references" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="preferred" as="element()?" select="tk:preferred-name($entry)"/>
    <xsl:variable name="own" as="xs:string*"
        select="(tk:name-inverted($preferred), tk:name-direct($preferred), $preferred/surname ! tk:name-direct(.)) ! lower-case(.)"/>
    <xsl:for-each-group select="tk:variant-names($entry)[not(lower-case(tk:name-inverted(.)) = $own)][tk:name-inverted(.) ne '']"
        group-by="tk:name-inverted(.)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- One occurrence of a mention, as data every output can render:
       anchor (id of the paragraph, note or section), label ("¶ 12", "note 3"), section id and title, form. -->
  <xsl:function name="tk:occurrence" as="map(xs:string, xs:string)">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="citable" as="element()?" select="tk:citable($mention)"/>
    <xsl:variable name="section" as="element()?" select="tk:section-of($mention)"/>
    <xsl:sequence select="map{
      'anchor': if ($citable) then tk:anchor($citable) else 'main',
      'label': if ($citable/self::note) then 'note&#160;' || tk:note-label($citable)
               else if ($citable/self::p) then '¶&#160;' || tk:paragraph-number($citable)
               else if ($citable) then tk:section-title($citable)
               else 'text',
      'section': if ($section) then tk:anchor($section) else '',
      'section-title': if ($section) then tk:section-title($section) else '',
      'form': normalize-space(string-join(tk:plain($mention)))
    }"/>
  </xsl:function>
</xsl:stylesheet>
