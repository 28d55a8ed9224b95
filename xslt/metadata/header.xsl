<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the deposit metadata reads from the teiHeader, in one place: dc.xsl, datacite.xsl,
  mets.xsl and fields.xsl import these functions, so every record agrees with the others.
  Each required field has one function and one hint saying where to add it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <!-- Register look-ups, names, language codes and tk:fixed-date as every other output reads them. -->
  <xsl:import href="../common/common.xsl"/>

  <!-- The text of an element with its whitespace made single, as a record field wants it. -->
  <xsl:function name="tk:text" as="xs:string?">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space(string($node))"/>
    <xsl:sequence select="$text[. ne '']"/>
  </xsl:function>

  <xsl:function name="tk:title" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:variable name="titles" as="element(tei:title)*" select="$header/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="tk:text(($titles[@type eq 'main'], $titles)[1])"/>
  </xsl:function>

  <xsl:function name="tk:subtitle" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="tk:text($header/tei:fileDesc/tei:titleStmt/tei:title[@type eq 'sub'][1])"/>
  </xsl:function>

  <!-- The authors of the work are the creators; editors and other responsibilities contribute. -->
  <xsl:function name="tk:creators" as="element()*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$header/tei:fileDesc/tei:titleStmt/tei:author[tk:text(.)]"/>
  </xsl:function>

  <xsl:function name="tk:editors" as="element()*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$header/tei:fileDesc/tei:titleStmt/tei:editor[tk:text(.)]"/>
  </xsl:function>

  <!-- Whoever a respStmt names (its resp says what they did; no DataCite role is guessed from it). -->
  <xsl:function name="tk:responsible" as="element()*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$header/tei:fileDesc/tei:titleStmt/tei:respStmt/(tei:persName | tei:orgName | tei:name)[tk:text(.)]"/>
  </xsl:function>

  <xsl:function name="tk:subjects" as="xs:string*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$header/tei:profileDesc/tei:textClass/tei:keywords/tei:term ! tk:text(.)"/>
  </xsl:function>

  <!--
    The name element to read an agent's name from: its own name when it structures it
    (forename, surname), else the preferred name of the register entry its @ref points to,
    else its name as written.
  -->
  <xsl:function name="tk:name-source" as="element()">
    <xsl:param name="agent" as="element()"/>
    <xsl:variable name="inner" as="element()?"
        select="$agent/descendant-or-self::*[self::tei:persName | self::tei:orgName | self::tei:name][1]"/>
    <xsl:variable name="entry" as="element()?" select="tk:entry(($agent/@ref, $inner/@ref)[1], $agent)"/>
    <xsl:sequence select="if ($agent//(tei:forename | tei:surname) or empty($entry)) then ($inner, $agent)[1]
                          else (tk:preferred-name($entry), $inner, $agent)[1]"/>
  </xsl:function>

  <xsl:function name="tk:family-name" as="xs:string?">
    <xsl:param name="agent" as="element()"/>
    <xsl:sequence select="tk:text((tk:name-source($agent)//tei:surname)[1])"/>
  </xsl:function>

  <xsl:function name="tk:given-name" as="xs:string?">
    <xsl:param name="agent" as="element()"/>
    <xsl:sequence select="tk:text((tk:name-source($agent)//tei:forename)[1])"/>
  </xsl:function>

  <xsl:function name="tk:is-person" as="xs:boolean">
    <xsl:param name="agent" as="element()"/>
    <xsl:variable name="source" as="element()" select="tk:name-source($agent)"/>
    <xsl:sequence select="exists($source/descendant-or-self::*[self::tei:persName | self::tei:surname | self::tei:forename])
                          or empty($source/descendant-or-self::*[self::tei:orgName | self::tei:name])"/>
  </xsl:function>

  <!-- Authority identifiers the register gives for an agent (idno of type viaf, gnd, wikidata, orcid). -->
  <xsl:function name="tk:authority-ids" as="element(tei:idno)*">
    <xsl:param name="agent" as="element()"/>
    <xsl:sequence select="tk:name-source($agent)/parent::*[self::tei:person | self::tei:personGrp | self::tei:org]
                          /tei:idno[lower-case(@type) = ('viaf', 'gnd', 'wikidata', 'orcid')][tk:text(.)]"/>
  </xsl:function>

  <!-- "Family, Given" where the name is split into parts (the form DataCite and DC prefer), else as written. -->
  <xsl:function name="tk:display-name" as="xs:string?">
    <xsl:param name="agent" as="element()"/>
    <xsl:sequence select="normalize-space(tk:name-inverted(tk:name-source($agent)))[. ne '']"/>
  </xsl:function>

  <xsl:function name="tk:publisher" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="tk:text($header/tei:fileDesc/tei:publicationStmt/tei:publisher[1])"/>
  </xsl:function>

  <!-- The publication date as ISO 8601 (from @when), else as written. -->
  <xsl:function name="tk:date" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:variable name="date" as="element(tei:date)?" select="$header/tei:fileDesc/tei:publicationStmt/tei:date[1]"/>
    <xsl:sequence select="(tk:text($date/@when), tk:text($date))[1]"/>
  </xsl:function>

  <xsl:function name="tk:year" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="replace(tk:date($header), '^.*?(\d{4}).*$', '$1')[matches(., '^\d{4}$')]"/>
  </xsl:function>

  <xsl:function name="tk:availability" as="element(tei:availability)?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$header/tei:fileDesc/tei:publicationStmt/tei:availability[1]"/>
  </xsl:function>

  <!--
    The rights statement is the availability text as the editors wrote it: a licence's own words,
    else its paragraphs. When no licence is stated nothing is invented: the statement says so.
  -->
  <xsl:function name="tk:rights" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:variable name="availability" as="element(tei:availability)?" select="tk:availability($header)"/>
    <xsl:variable name="parts" as="xs:string*" select="($availability/tei:licence, $availability/tei:p) ! tk:text(.)"/>
    <xsl:sequence select="string-join($parts, ' ')[. ne '']"/>
  </xsl:function>

  <!-- A licence's URI only when the header gives one (licence/@target); never guessed. -->
  <xsl:function name="tk:licence-uri" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="tk:text(tk:availability($header)/tei:licence[@target][1]/@target)"/>
  </xsl:function>

  <!-- A DOI when the header has one, else its first identifier. -->
  <xsl:function name="tk:identifier" as="element(tei:idno)?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:variable name="idnos" as="element(tei:idno)*" select="$header/tei:fileDesc/tei:publicationStmt/tei:idno[tk:text(.)]"/>
    <xsl:sequence select="($idnos[upper-case(@type) eq 'DOI'], $idnos)[1]"/>
  </xsl:function>

  <!-- DataCite's names for identifier types; an unknown TEI type stays as written. -->
  <xsl:function name="tk:identifier-type" as="xs:string">
    <xsl:param name="idno" as="element(tei:idno)"/>
    <xsl:variable name="type" as="xs:string" select="upper-case(normalize-space($idno/@type))"/>
    <xsl:sequence select="
      if ($type = ('URI', 'URL')) then 'URL'
      else if ($type eq 'DOI') then 'DOI'
      else if ($type eq 'HANDLE') then 'Handle'
      else if ($type eq 'ARK') then 'ARK'
      else if ($type eq 'URN') then 'URN'
      else if ($type eq '' and matches($idno, '^https?://')) then 'URL'
      else if ($type eq '') then 'Other'
      else normalize-space($idno/@type)"/>
  </xsl:function>

  <xsl:function name="tk:language" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="(tk:text($header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident),
                           tk:text($header/ancestor::tei:TEI/@xml:lang))[1] ! tk:bcp47(.)"/>
  </xsl:function>

  <!-- Every language a corpus's documents use (its records list them all); a document's main one. -->
  <xsl:function name="tk:languages" as="xs:string*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="if ($header/parent::tei:teiCorpus)
                          then distinct-values($header/tei:profileDesc/tei:langUsage/tei:language/@ident ! tk:text(.) ! tk:bcp47(.))
                          else tk:language($header)"/>
  </xsl:function>

  <!-- The span of time the texts were written in (creation/date from-to), as an ISO 8601 interval. -->
  <xsl:function name="tk:coverage" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:variable name="date" as="element(tei:date)?" select="$header/tei:profileDesc/tei:creation/tei:date[@from and @to][1]"/>
    <xsl:sequence select="$date ! (if (@from eq @to) then string(@from) else @from || '/' || @to)"/>
  </xsl:function>

  <xsl:function name="tk:description" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="(tk:text($header/tei:profileDesc/tei:abstract),
                           tk:text($header/ancestor::tei:TEI/tei:text/tei:front/tei:div[@type eq 'abstract']),
                           tk:text($header/tei:encodingDesc/tei:projectDesc))[1]"/>
  </xsl:function>

  <!-- The work the edition is made from, cited by its author, title and imprint (not its notes). -->
  <xsl:function name="tk:source" as="xs:string*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$header/tei:fileDesc/tei:sourceDesc/tei:bibl ! tk:citation(.)"/>
  </xsl:function>

  <!-- Other publications of the work the source description names (a translation, say). -->
  <xsl:function name="tk:relations" as="xs:string*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="$header/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:relatedItem/tei:bibl ! tk:citation(.)"/>
  </xsl:function>

  <xsl:function name="tk:citation" as="xs:string?">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="parts" as="xs:string*"
        select="$bibl/(tei:author | tei:title | tei:editor | tei:publisher | tei:pubPlace | tei:date | tei:idno) ! tk:text(.)"/>
    <xsl:sequence select="string-join($parts, ', ')[. ne '']"/>
  </xsl:function>

  <!-- A contact only where the header gives an e-mail address; the name is whoever it belongs to. -->
  <xsl:function name="tk:contact-email" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="tk:text(($header/tei:fileDesc/(tei:publicationStmt | tei:titleStmt)//tei:email)[1])"/>
  </xsl:function>

  <xsl:function name="tk:contact-name" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:variable name="email" as="element(tei:email)?" select="($header/tei:fileDesc/(tei:publicationStmt | tei:titleStmt)//tei:email)[1]"/>
    <xsl:variable name="owner" as="element()?" select="$email/ancestor::*[tei:persName | tei:orgName | tei:name][1]"/>
    <!-- An address given in the publication statement itself is the publisher's. -->
    <xsl:sequence select="(tk:text(($owner/(tei:persName | tei:orgName | tei:name))[1]),
                           tk:publisher($header)[$email/parent::tei:publicationStmt])[1]"/>
  </xsl:function>

  <!-- The fields every record needs, each with what to add to the header when it is missing. -->
  <xsl:function name="tk:missing-fields" as="map(xs:string, xs:string)*">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="
      (map{'field': 'title', 'hint': 'add &lt;title type=&quot;main&quot;&gt; to teiHeader/fileDesc/titleStmt'})[empty(tk:title($header))],
      (map{'field': 'creator', 'hint': 'add &lt;author&gt;&lt;persName&gt;&lt;forename/&gt; &lt;surname/&gt;&lt;/persName&gt;&lt;/author&gt; to teiHeader/fileDesc/titleStmt'})[empty(tk:creators($header))],
      (map{'field': 'publisher', 'hint': 'add &lt;publisher&gt; to teiHeader/fileDesc/publicationStmt'})[empty(tk:publisher($header))],
      (map{'field': 'date', 'hint': 'add &lt;date when=&quot;YYYY-MM-DD&quot;&gt; to teiHeader/fileDesc/publicationStmt'})[empty(tk:year($header))],
      (map{'field': 'licence', 'hint': 'add &lt;availability&gt; with a &lt;licence&gt; (or a &lt;p&gt; saying that none is stated) to teiHeader/fileDesc/publicationStmt'})[empty(tk:rights($header))],
      (map{'field': 'identifier', 'hint': 'add &lt;idno type=&quot;DOI&quot;&gt; (or type=&quot;URI&quot;) to teiHeader/fileDesc/publicationStmt'})[empty(tk:identifier($header))],
      (map{'field': 'language', 'hint': 'add &lt;language ident=&quot;en&quot;&gt; to teiHeader/profileDesc/langUsage'})[empty(tk:language($header))]"/>
  </xsl:function>
</xsl:stylesheet>
