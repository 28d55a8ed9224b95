<?xml version="1.0" encoding="UTF-8"?>
<!-- Look-ups and small computations shared by every output. Each may be overridden by an importing
     stylesheet (a function of higher import precedence replaces the one here). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:key name="tk:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- Names in the text that point at a register entry, by the entry's id. -->
  <xsl:key name="tk:mention" match="text//persName[@ref] | text//placeName[@ref] | text//orgName[@ref]"
      use="tokenize(normalize-space(@ref), ' ')[starts-with(., '#')] ! substring(., 2)"/>

  <!-- The register entry a pointer such as "#pers-serge" designates (the first local pointer only). -->
  <xsl:function name="tk:entry" as="element()?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="local" as="xs:string?"
        select="tokenize(normalize-space($ref), ' ')[starts-with(., '#')][1] ! substring(., 2)"/>
    <xsl:sequence select="if ($local) then key('tk:id', $local, root($context))[tk:register-of(.) ne ''][1] else ()"/>
  </xsl:function>

  <!-- The work of the document's bibliography a title points at (@ref="#bibl-x"), if it is there. -->
  <xsl:function name="tk:work-of" as="element()?">
    <xsl:param name="title" as="element()"/>
    <xsl:variable name="local" as="xs:string?"
        select="tokenize(normalize-space($title/@ref), ' ')[starts-with(., '#')][1] ! substring(., 2)"/>
    <xsl:sequence select="if ($local and root($title) instance of document-node())
                          then key('tk:id', $local, root($title))[self::bibl or self::biblStruct or self::biblFull][1]
                          else ()"/>
  </xsl:function>

  <!-- Which index an entry belongs to: persons, places, organisations, or '' for none; works,
       events and objects where the output indexes them ($tk:registers). -->
  <xsl:function name="tk:register-of" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="
      if ($entry/self::person or $entry/self::personGrp) then 'persons'
      else if ($entry/self::place) then 'places'
      else if ($entry/self::org) then 'organisations'
      else if ($entry[self::bibl or self::biblStruct or self::biblFull]/parent::listBibl and 'works' = $tk:registers) then 'works'
      else if ($entry/self::event/ancestor::listEvent and 'events' = $tk:registers) then 'events'
      else if ($entry/self::object and 'objects' = $tk:registers) then 'objects'
      else ''"/>
  </xsl:function>

  <xsl:function name="tk:register-label" as="xs:string">
    <xsl:param name="register" as="xs:string"/>
    <xsl:sequence select="tk:word($register)"/>
  </xsl:function>

  <!-- Where an entry is displayed; HTML has one page per index, print overrides this for an in-book index. -->
  <xsl:function name="tk:entry-href" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tk:register-of($entry) || '.html#' || $entry/@xml:id"/>
  </xsl:function>

  <!-- Where a place in the text is displayed (the essay page in HTML). -->
  <xsl:function name="tk:text-href" as="xs:string">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:sequence select="'index.html#' || $anchor"/>
  </xsl:function>

  <!-- ===== Names ===== -->

  <xsl:function name="tk:preferred-name" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="($entry/(persName|placeName|orgName|name|title|objectIdentifier/objectName)[@type = 'preferred'],
                           $entry/(persName|placeName|orgName|name|title|objectIdentifier/objectName),
                           $entry/self::event/(eventName, label, head, desc))[1]"/>
  </xsl:function>

  <xsl:function name="tk:variant-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(persName|placeName|orgName|name|title)[@type = 'variant']"/>
  </xsl:function>

  <!-- "Victor Serge": the name as read. -->
  <xsl:function name="tk:name-direct" as="xs:string">
    <xsl:param name="name" as="element()?"/>
    <xsl:sequence select="normalize-space(string-join(tk:plain($name)))"/>
  </xsl:function>

  <!-- "Serge, Victor": surname first where the name is split into parts; as read otherwise. -->
  <xsl:function name="tk:name-inverted" as="xs:string">
    <xsl:param name="name" as="element()?"/>
    <xsl:variable name="surname" as="element()*" select="$name/(surname|addName[@type='surname'])"/>
    <xsl:variable name="rest" as="element()*" select="$name/(* except (surname|addName[@type='surname']))"/>
    <xsl:sequence select="
      if (exists($surname) and exists($rest))
      then normalize-space(string-join($surname ! tk:name-direct(.), ' ')) || ', '
           || normalize-space(string-join($rest ! tk:name-direct(.), ' '))
      else tk:name-direct($name)"/>
  </xsl:function>

  <!-- The string an index entry is sorted by (collated by tk:collation-rank or Saxon's UCA). -->
  <!-- Quotation marks, brackets and other signs before a heading's first letter or digit do not
       file it: "Chambers" files under C. Which characters file is data, in filing.json beside this
       file (Unicode general categories), read when the stylesheet is compiled; toolkit/collation.py
       reads the same file for the pages Python writes (a project's register pages). -->
  <xsl:variable name="tk:filing-categories" static="yes" as="xs:string+"
      select="array:flatten(json-doc('filing.json')?headings-file-from)"/>
  <xsl:variable name="tk:leading-signs" as="xs:string"
      select="'^[^' || string-join($tk:filing-categories ! ('\p{' || . || '}')) || ']+'"/>
  <xsl:function name="tk:sort-key" as="xs:string">
    <xsl:param name="name" as="element()?"/>
    <xsl:variable name="heading" as="xs:string" select="tk:name-inverted($name)"/>
    <xsl:sequence select="(replace($heading, $tk:leading-signs, '')[. ne ''], $heading)[1]"/>
  </xsl:function>

  <!-- Reading text of a node: corrections, regularisations and expansions, not notes. -->
  <xsl:function name="tk:plain" as="xs:string*">
    <xsl:param name="node" as="node()?"/>
    <xsl:apply-templates select="$node" mode="tk:plain"/>
  </xsl:function>

  <xsl:mode name="tk:plain" on-no-match="text-only-copy"/>
  <xsl:template match="sic[parent::choice] | orig[parent::choice] | abbr[parent::choice] | note | rdg | del
                       | idno[parent::*[self::author or self::editor or self::persName or self::orgName or self::name]]"
      mode="tk:plain"/>
  <xsl:template match="text()" mode="tk:plain">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <!-- ===== Dates ===== -->

  <!-- The ISO value of a date element: 1921-03-18, or 1917/1921 for a range. -->
  <xsl:function name="tk:iso-value" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="
      if ($date/@when) then string($date/@when)
      else if ($date/(@from|@to|@notBefore|@notAfter))
      then string-join((($date/@from, $date/@notBefore)[1], ($date/@to, $date/@notAfter)[1]) ! string(), '/')
      else ()"/>
  </xsl:function>

  <!-- 1921-03-18 as "18 March 1921", 1921-03 as "March 1921", -0044-03-15 as "15 March 44 BCE", in the
       interface language's words (month-1 … month-12, date-day, date-month, year-bce); anything else
       unchanged. A negative year is read as XML Schema 1.0 reads it (-0044 is 44 BCE; there is no
       year 0000), as toolkit/iso_dates.py does for the pages Python writes. -->
  <xsl:function name="tk:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="date" as="xs:date?" select="
      if (matches($iso, '^-?0000')) then ()
      else if ($iso castable as xs:date) then xs:date($iso)
      else if ($iso castable as xs:gYearMonth) then xs:date($iso || '-01')
      else if ($iso castable as xs:gYear and matches($iso, '^-?\d{4}$')) then xs:date($iso || '-01-01') else ()"/>
    <xsl:variable name="year" as="xs:string?" select="$date ! (
      if (year-from-date(.) lt 0) then tk:filled(tk:word('year-bce'), map{'year': string(-year-from-date(.))})
      else string(year-from-date(.)))"/>
    <xsl:sequence select="
      if (empty($date)) then $iso
      else if (not($iso castable as xs:date or $iso castable as xs:gYearMonth)) then $year
      else tk:filled(tk:word(if (not($iso castable as xs:date)) then 'date-month'
                             else if (day-from-date($date) = 1 and tk:has-word('date-day-first')) then 'date-day-first'
                             else 'date-day'),
                     map{'day': string(day-from-date($date)), 'month': tk:word('month-' || month-from-date($date)),
                         'year': $year})"/>
  </xsl:function>

  <!-- A word's {placeholders} filled from a map. -->
  <xsl:function name="tk:filled" as="xs:string">
    <xsl:param name="word" as="xs:string"/>
    <xsl:param name="fields" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="string-join(analyze-string($word, '\{(\w+)\}')/*
      ! (if (self::*:match) then ($fields(string(*:group)), string(.))[1] else string(.)))"/>
  </xsl:function>

  <!-- Life dates of a person: "30 December 1890 – 17 November 1947", "born 1890", "died 1947"
       (in the interface language: "geboren am 3. Mai 1820", "décès en 1947"). -->
  <xsl:function name="tk:life-dates" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="born" as="xs:string?" select="$entry/birth/(@when, @notBefore, @from)[1] ! string(.)"/>
    <xsl:variable name="died" as="xs:string?" select="$entry/death/(@when, @notAfter, @to)[1] ! string(.)"/>
    <xsl:variable name="birth" as="xs:string?" select="$born ! tk:format-iso(.)"/>
    <xsl:variable name="death" as="xs:string?" select="$died ! tk:format-iso(.)"/>
    <xsl:sequence select="
      if ($birth and $death) then $birth || (if (matches($birth || $death, '^-?\d+$')) then '–' else ' – ') || $death
      else if ($birth) then tk:date-phrase('born-on', $born)
      else if ($death) then tk:date-phrase('died-on', $died)
      else ()"/>
  </xsl:function>

  <!-- A phrase about a date ("born {date}"), its day form (KEY-day: "geboren am {date}") when the
       date is a day and the language has one. -->
  <xsl:function name="tk:date-phrase" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="day" as="xs:boolean" select="$iso castable as xs:date and tk:has-word($key || '-day')"/>
    <xsl:sequence select="tk:filled(tk:word(if ($day) then $key || '-day' else $key), map{'date': tk:format-iso($iso)})"/>
  </xsl:function>

  <!-- Whether a word is given in the interface language itself (no English standing in). -->
  <xsl:function name="tk:has-word" as="xs:boolean">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="exists(($tk:project-words($key), $tk:words($key))[. instance of map(*)]
                                 ! .($tk:ui-language)[. instance of xs:string])"/>
  </xsl:function>

  <!-- ===== Anchors: ids every output gives to paragraphs, sections and notes ===== -->

  <!-- Paragraphs counted for citation: those of the text, not inside notes. -->
  <xsl:function name="tk:paragraph-number" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="if ($p/@n) then string($p/@n) else tk:count-paragraphs($p)"/>
  </xsl:function>

  <!-- Positions of paragraphs and notes, computed once (numbering each on demand is quadratic). -->
  <xsl:variable name="tk:paragraph-positions" as="map(xs:string, xs:integer)"
      select="let $all := $tk:source//text//p[not(ancestor::note)] return map:merge(for $i in 1 to count($all) return map{generate-id($all[$i]): $i})"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  <xsl:variable name="tk:note-positions" as="map(xs:string, xs:integer)"
      select="let $all := $tk:source//text//note return map:merge(for $i in 1 to count($all) return map{generate-id($all[$i]): $i})"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  <xsl:variable name="tk:editorial-note-positions" as="map(xs:string, xs:integer)"
      select="let $all := $tk:source//text//note[@type = 'editorial'] return map:merge(for $i in 1 to count($all) return map{generate-id($all[$i]): $i})"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <xsl:function name="tk:count-paragraphs" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="string(($tk:paragraph-positions(generate-id($p)), tk:number-any($p, 'p'))[1])"/>
  </xsl:function>

  <!-- Fallback for nodes outside $tk:source: count by name. -->
  <xsl:function name="tk:number-any" as="xs:integer">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="count($node/preceding::*[local-name() = $kind][ancestor::text]) + 1"/>
  </xsl:function>

  <xsl:function name="tk:anchor" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="
      if ($node/@xml:id) then string($node/@xml:id)
      else tk:unclaimed(root($node),
        if ($node/self::p[not(ancestor::note)]) then 'p' || tk:count-paragraphs($node)
        else if ($node/self::note) then 'n-' || tk:note-number($node)
        else if ($node/self::l) then 'l' || tk:position-of($node)
        else if (matches(local-name($node), '^div[1-7]?$'))
          then (if ($node/ancestor::front) then 'front-' else if ($node/ancestor::back) then 'back-' else 'sec-')
               || tk:section-number($node)
        else 'x-' || local-name($node) || '-' || tk:position-of($node))"/>
  </xsl:function>

  <!-- A made-up anchor must not take an id the document gives one of its own elements (a
       register entry may well be called p1): it is lengthened with '_', which no made-up
       anchor ends with, until no xml:id claims it. -->
  <xsl:function name="tk:unclaimed" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:param name="candidate" as="xs:string"/>
    <xsl:sequence select="
      if ($root instance of document-node() and exists(key('tk:id', $candidate, $root)))
      then tk:unclaimed($root, $candidate || '_') else $candidate"/>
  </xsl:function>

  <xsl:function name="tk:section-number" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:number select="$div" level="multiple" count="div|div1|div2|div3|div4|div5|div6|div7|text[parent::group]" format="1-1"/>
  </xsl:function>

  <xsl:function name="tk:position-of" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:number select="$node" level="any" count="*[node-name() eq node-name($node)]"/>
  </xsl:function>

  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($tk:note-positions(generate-id($note)), tk:number-any($note, 'note'))[1])"/>
  </xsl:function>

  <!-- The label of a note marker: the author's @n; editorial notes "E1", "E2"…; else its position. -->
  <xsl:function name="tk:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:choose>
      <xsl:when test="$note/@type = 'editorial'">
        <xsl:sequence select="'E' || ($tk:editorial-note-positions(generate-id($note)), tk:number-any($note, 'note'))[1]"/>
      </xsl:when>
      <xsl:when test="$note/@n">
        <xsl:sequence select="string($note/@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:note-number($note)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The element whose anchor a mention is cited by: its note, paragraph, or section. -->
  <xsl:function name="tk:citable" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor::note[ancestor::text][last()],
                           $node/ancestor::p[not(ancestor::note)][last()],
                           $node/ancestor::div[1],
                           $node/ancestor::*[self::div1 or self::div2 or self::div3][1])[1]"/>
  </xsl:function>

  <!-- The section a node belongs to (the outermost division of body, front or back). -->
  <xsl:function name="tk:section-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor::*[self::div or self::div1][parent::body or parent::front or parent::back][1]"/>
  </xsl:function>

  <!-- The name of a section for a reader: its head, else what it is. -->
  <xsl:function name="tk:section-title" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" as="xs:string" select="normalize-space(string-join(tk:plain($div/head[1])))"/>
    <xsl:variable name="paragraphs" as="element()*" select="$div//p[not(ancestor::note)]"/>
    <xsl:sequence select="
      if ($head) then $head
      else if ($div/@type = 'abstract') then tk:word('abstract')
      else if ($div/@type = 'publicationNote') then tk:word('publication-note')
      else if ($div/@type = ('acknowledgment', 'acknowledgement')) then tk:word('acknowledgment')
      else if (exists($paragraphs)) then
        tk:word('untitled-section') || ', ¶ ' || tk:paragraph-number($paragraphs[1])
        || (if (count($paragraphs) gt 1) then '–' || tk:paragraph-number($paragraphs[last()]) else '')
      else tk:word('untitled-section')"/>
  </xsl:function>

  <!-- The language of an element, for the lang attribute. -->
  <xsl:function name="tk:lang" as="xs:string?">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="($node/ancestor-or-self::*/@xml:lang)[last()] ! string()"/>
  </xsl:function>

  <!-- A language code as HTML wants it: ISO 639-2/3 codes that have a two-letter form get it. -->
  <xsl:function name="tk:bcp47" as="xs:string">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize($lang, '-')"/>
    <xsl:variable name="short" as="map(xs:string, xs:string)" select="map{
      'eng': 'en', 'deu': 'de', 'ger': 'de', 'fra': 'fr', 'fre': 'fr', 'lat': 'la', 'ita': 'it', 'spa': 'es',
      'rus': 'ru', 'ell': 'el', 'gre': 'el', 'heb': 'he', 'ara': 'ar', 'nld': 'nl', 'dut': 'nl', 'por': 'pt',
      'pol': 'pl', 'ces': 'cs', 'cze': 'cs', 'swe': 'sv', 'dan': 'da', 'nor': 'no', 'fin': 'fi', 'hun': 'hu'}"/>
    <xsl:sequence select="string-join((($short(lower-case($parts[1])), $parts[1])[1], tail($parts)), '-')"/>
  </xsl:function>

  <xsl:function name="tk:is-right-to-left" as="xs:boolean">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="tokenize(lower-case($lang), '-')[1] = ('ar', 'he', 'syc', 'syr', 'fa', 'ur', 'yi', 'arc')"/>
  </xsl:function>

  <!-- An http(s) address for an authority identifier, or nothing when its form is unknown. -->
  <xsl:function name="tk:authority-url" as="xs:string?">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="value" as="xs:string" select="normalize-space($idno)"/>
    <xsl:sequence select="
      if (matches($value, '^https?://[^\s&quot;&lt;&gt;]+$')) then $value
      else if ($idno/@type = 'wikidata' and matches($value, '^Q[0-9]+$')) then 'https://www.wikidata.org/wiki/' || $value
      else if ($idno/@type = 'viaf' and matches($value, '^[0-9]+$')) then 'https://viaf.org/viaf/' || $value
      else if ($idno/@type = 'gnd' and matches($value, '^[0-9X-]+$')) then 'https://d-nb.info/gnd/' || $value
      else ()"/>
  </xsl:function>

  <xsl:function name="tk:authority-label" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:sequence select="(map{'wikidata': 'Wikidata', 'viaf': 'VIAF', 'gnd': 'GND'}(string($idno/@type)),
                           string($idno/@type)[. ne ''], tk:word('idno'))[1]"/>
  </xsl:function>
</xsl:stylesheet>
