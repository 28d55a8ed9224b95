<?xml version="1.0" encoding="UTF-8"?>
<!--
  What each TEI element is. Templates in mode tk:text classify an element and call one of the
  rendering templates below; an output format overrides the rendering templates it does differently
  (html.xsl: notes with pop-ups, the corrected/diplomatic alternate; print: footnotes, page refs).

    tk:paragraph  a numbered, citable paragraph        ($node)
    tk:heading    a heading of the given level         ($node, $level)
    tk:block      a block of the given HTML tag/class  ($node, $tag, $class)
    tk:inline     an inline span of the given tag/class($node, $tag, $class)
    tk:note       a note marker at the note's place    ($node)
    tk:link       a name linked to its index entry     ($node, $entry)
    tk:alternate  one reading with another behind it   ($node, $preferred, $source)
    tk:date       a date with its ISO value            ($node)

  The tunnel parameter tk:phrasing is true inside inline contexts (a note pop-up, a heading):
  blocks then become spans, so the HTML stays valid.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="tk:text" on-no-match="shallow-skip"/>

  <xsl:include href="words.xsl"/>
  <xsl:include href="lists.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="behaviour-map.xsl"/>
  <xsl:include href="breaks.xsl"/>

  <!-- Block-level TEI elements: a paragraph holding one of these cannot be an HTML p. -->
  <xsl:variable name="tk:block-names" as="xs:string*" select="
    ('p', 'ab', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'lg', 'l', 'list', 'item',
     'table', 'row', 'cell', 'figure', 'sp', 'speaker', 'stage', 'castList', 'castItem', 'head', 'opener', 'closer',
     'salute', 'signed', 'dateline', 'postscript', 'epigraph', 'argument', 'trailer', 'byline', 'docTitle', 'titlePage',
     'titlePart', 'docImprint', 'listBibl', 'listPerson', 'person', 'listPlace', 'place', 'listOrg', 'org',
     'listEvent', 'event', 'floatingText', 'group', 'text', 'body', 'front', 'back', 'lb', 'pb',
     'note', 'sourceDoc', 'surface', 'zone', 'line', 'u', 'eg', 'egXML', 'table', 'spGrp')"/>

  <!-- Does this element hold block content (so it must render as a block itself)? -->
  <xsl:function name="tk:has-blocks" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="some $child in $node/* satisfies tk:is-block($child)"/>
  </xsl:function>

  <!-- Is this element rendered as a block? Quotations, bibliographic references and the like are
       inline unless they hold blocks; note markers and line or page breaks are inline. -->
  <xsl:function name="tk:is-block" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="
      if ($node/self::lb or $node/self::pb or $node/self::cb or $node/self::note[ancestor::text] or $node/self::fw[parent::p]) then false()
      else if (map:size($tk:behaviour-map) gt 0 and exists(tk:mapped-behaviour($node)))
        then tk:mapped-behaviour($node)?behaviour = ('block', 'paragraph', 'heading', 'line', 'quote', 'register', 'entry')
             or (tk:mapped-behaviour($node)?behaviour = 'unwrap' and tk:has-blocks($node))
      else if (local-name($node) = $tk:block-names) then true()
      else tk:has-blocks($node)"/>
  </xsl:function>

  <!-- ===== Structure ===== -->

  <xsl:template match="text" mode="tk:text">
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <xsl:template match="front | body | back | group" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'div'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'section'"/>
      <xsl:with-param name="class" select="string-join(('div', @type ! ('div-' || .)), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Abstract, publication note and acknowledgment carry no head: they are given one by their type. -->
  <xsl:template match="div[not(head)][@type = ('abstract', 'publicationNote', 'acknowledgment', 'acknowledgement')]"
      mode="tk:text" priority="1">
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else 'section'}">
      <xsl:attribute name="class" select="'div div-' || @type"/>
      <xsl:if test="not($tk:phrasing)">
        <xsl:attribute name="id" select="tk:anchor(.)"/>
      </xsl:if>
      <xsl:call-template name="tk:heading-text">
        <xsl:with-param name="text" select="tk:section-title(.)"/>
        <xsl:with-param name="level" select="max((2, min((6, count(ancestor-or-self::div) + 1))))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="head" mode="tk:text">
    <xsl:call-template name="tk:heading">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="level" select="tk:heading-level(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- h1 is the document's title; a division's head is h2 at the top, one deeper per level, at most h6. -->
  <xsl:function name="tk:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="max((2, min((6, 1 + count($head/ancestor::*[matches(local-name(), '^div[1-7]?$')
                                                                      or local-name() = ($tk:register-list-names, 'standOff')])))))"/>
  </xsl:function>

  <xsl:template match="p" mode="tk:text">
    <xsl:call-template name="tk:paragraph">
      <xsl:with-param name="node" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="p[ancestor::note] | p[not(ancestor::text)] | ab | opener | closer | salute | dateline | postscript | trailer
                       | argument | epigraph | docImprint | byline | docAuthor[not(parent::byline)] | docDate[not(parent::byline or parent::docImprint)] | speaker | stage[not(parent::p or parent::l)]
                       | signed | fw[not(parent::p)] | castItem | bibl[parent::listBibl] | spGrp
                       | seg[parent::opener or parent::closer]"
      mode="tk:text">
    <!-- (A seg of its own in an opener or closer is one of its phrases, such as a letterhead's line.) -->
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="if (tk:has-blocks(.)) then 'div' else 'p'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The document's own title is the page's first heading. -->
  <xsl:template match="docTitle" mode="tk:text">
    <xsl:call-template name="tk:heading">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="level" select="1"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="titlePart" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'span'"/>
      <xsl:with-param name="class" select="string-join(('titlePart', @type ! ('titlePart-' || .)), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="titlePage | sp | castList | listBibl | floatingText | cit[tk:has-blocks(.)]" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'div'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="lg" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'div'"/>
      <xsl:with-param name="class" select="'lg'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="l" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'div'"/>
      <xsl:with-param name="class" select="'l'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="list" mode="tk:text">
    <xsl:apply-templates select="head" mode="#current"/>
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol'
                                         else if (@type = 'gloss') then 'dl' else 'ul'"/>
      <xsl:with-param name="class" select="'list'"/>
      <xsl:with-param name="children" select="node() except head"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Anything else directly in a list (a page break, a note) gets an item of its own. -->
  <xsl:template match="list/*[not(self::item or self::label or self::head)]" mode="tk:text" priority="3">
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else if (../@type = 'gloss') then 'dd' else 'li'}">
      <xsl:attribute name="class" select="'list-extra'"/>
      <xsl:next-match/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="item" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="if (parent::list/@type = 'gloss') then 'dd' else 'li'"/>
      <xsl:with-param name="class" select="'item'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="label[parent::list]" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="if (parent::list/@type = 'gloss') then 'dt' else 'li'"/>
      <xsl:with-param name="class" select="'label'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="table" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'table'"/>
      <xsl:with-param name="class" select="'table'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="table/head" mode="tk:text" priority="2">
    <xsl:call-template name="tk:inline">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'caption'"/>
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="row" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'tr'"/>
      <xsl:with-param name="class" select="'row'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="cell" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="if (@role = 'label' or parent::row/@role = 'label') then 'th' else 'td'"/>
      <xsl:with-param name="class" select="'cell'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="figure" mode="tk:text">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'figure'"/>
      <xsl:with-param name="class" select="'figure'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="figure/head | figDesc" mode="tk:text" priority="2">
    <xsl:call-template name="tk:inline">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'span'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Parts of the document that are not reading text. Registers inside the text are shown where
       they stand (lists.xsl); notes inside their entries are part of the entry. -->
  <xsl:function name="tk:in-register" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[self::listPerson or self::listPlace or self::listOrg or self::listEvent
                                                   or self::teiHeader or self::standOff or self::facsimile or self::sourceDoc])"/>
  </xsl:function>
  <xsl:template match="teiHeader | standOff | facsimile | sourceDoc" mode="tk:text"/>

  <!-- A quotation holding paragraphs or verse is a block quotation. -->
  <xsl:template match="quote[tk:has-blocks(.)] | q[tk:has-blocks(.)] | said[tk:has-blocks(.)]" mode="tk:text" priority="2">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'blockquote'"/>
      <xsl:with-param name="class" select="'quote'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A bibliographic reference made of bare parts (author, title, imprint) without punctuation of its
       own: the parts are separated by commas; notes and related items follow as blocks. -->
  <xsl:template match="bibl[* and not(text()[normalize-space()])]" mode="tk:text" priority="1">
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="parts" as="element()*" select="* except (note | relatedItem | listBibl | bibl)"/>
    <xsl:element name="{if (not($tk:phrasing) and tk:has-blocks(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'bibl'"/>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="."/>
      </xsl:call-template>
      <xsl:for-each select="$parts">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:if test="self::editor">ed. </xsl:if>
        <xsl:apply-templates select="." mode="#current"/>
      </xsl:for-each>
      <xsl:if test="exists($parts)">.</xsl:if>
      <xsl:for-each select="* except $parts">
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="." mode="#current"/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- ===== Inline ===== -->

  <!-- Quotation marks are the source's own characters, kept in the text: never add any (no HTML q). -->
  <xsl:template match="quote | q | said | soCalled | mentioned | term | gloss | foreign | emph | distinct
                       | title | name | persName | placeName | orgName | rs | roleName | forename | surname | addName
                       | geogName | num | measure | abbr | expan | orig | reg | unclear | supplied | add | del | damage
                       | seg | w | c | pc | label | stage | lem | rdg | hi | bibl | author | editor | publisher | pubPlace
                       | idno | time | sic | corr | ref | ptr | fw | mod | subst | restore | ex | am | cit"
      mode="tk:text" priority="0">
    <xsl:call-template name="tk:inline">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="tk:inline-tag(.)"/>
      <xsl:with-param name="class" select="tk:inline-class(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Parts of a reference, an address, a name or an entry that the encoding puts side by side
       without a space ("<title>Sögur</title><biblScope>I</biblScope>") are kept apart by one. -->
  <xsl:variable name="tk:listing-parents" as="xs:string*" select="
    ('bibl', 'biblStruct', 'monogr', 'analytic', 'imprint', 'series', 'msIdentifier', 'altIdentifier', 'address',
     'location', 'person', 'personGrp', 'place', 'org', 'event', 'birth', 'death', 'residence', 'respStmt',
     'author', 'editor', 'persName', 'orgName', 'placeName', 'name', 'docImprint', 'byline', 'dateline', 'signed')"/>
  <xsl:variable name="tk:word-internal" as="xs:string*" select="
    ('hi', 'supplied', 'unclear', 'c', 'g', 'add', 'del', 'ex', 'expan', 'abbr', 'am', 'choice', 'subst', 'damage',
     'lb', 'pb', 'cb', 'note', 'anchor', 'gap', 'pc')"/>
  <xsl:template match="*[parent::*[local-name() = $tk:listing-parents]][not(local-name() = $tk:word-internal)]
                        [preceding-sibling::node()[1][self::*[not(local-name() = $tk:word-internal)]]]"
      mode="tk:text" priority="10">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <!-- An address line by line. -->
  <xsl:template match="addrLine[following-sibling::addrLine]" mode="tk:text" priority="2">
    <xsl:next-match/>
    <br/>
  </xsl:template>

  <!-- An identifier inside a name or a responsibility (author, editor) is not part of the name:
       it follows it, set apart, as a link where its form is known. -->
  <xsl:template match="idno[parent::*[self::author or self::editor or self::persName or self::orgName or self::placeName
                                      or self::name or self::respStmt or self::principal or self::funder or self::sponsor]]"
      mode="tk:text" priority="1">
    <xsl:param name="tk:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="url" as="xs:string?" select="tk:authority-url(.)"/>
    <xsl:text> </xsl:text>
    <span class="idno">
      <xsl:text>(</xsl:text>
      <xsl:choose>
        <xsl:when test="$url and not($tk:in-link)"><a class="authority" href="{$url}"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <xsl:function name="tk:inline-tag" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="rend" as="xs:string" select="lower-case(string-join($node/(@rend, @rendition), ' '))"/>
    <xsl:sequence select="
      if ($node/self::emph) then 'em'
      else if ($node/self::title) then 'cite'
      else if ($node/self::del) then 'del'
      else if ($node/self::add) then 'ins'
      else if ($node/self::hi and matches($rend, 'sup')) then 'sup'
      else if ($node/self::hi and matches($rend, 'sub')) then 'sub'
      else 'span'"/>
  </xsl:function>

  <xsl:function name="tk:inline-class" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="rend" as="xs:string*"
        select="tokenize(lower-case(string-join($node/(@rend, @rendition), ' ')), '[^a-z-]+')[. = ('italic', 'italics', 'i', 'bold', 'b', 'underline', 'u', 'smallcaps', 'small-caps', 'sc', 'caps', 'superscript', 'sup', 'subscript', 'sub', 'center', 'right', 'spaced', 'strikethrough')]"/>
    <xsl:sequence select="string-join((local-name($node), $node/@level ! ('level-' || .), $rend ! ('rend-' || .)), ' ')"/>
  </xsl:function>

  <xsl:template match="text()" mode="tk:text">
    <xsl:value-of select="tk:running-text(.)"/>
  </xsl:template>

  <!-- The text of a text node as the output writes it (print collapses white space). -->
  <xsl:function name="tk:running-text" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="$text"/>
  </xsl:function>

  <xsl:template match="cb | milestone | anchor | index | interp | interpGrp | link | linkGrp | join | span | spanGrp
                       | certainty | precision | respons | alt | altGrp | timeline | graphic | media | binaryObject
                       | formula[not(normalize-space())] | figDesc[false()] | witDetail | space[not(@quantity)]" mode="tk:text"/>

  <xsl:template match="space" mode="tk:text">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Gaps: what the project says for a gap of this @reason (rendering option "gaps"), else an
       ellipsis with the reason in its tooltip. -->
  <xsl:param name="tk:gap-texts-json" as="xs:string" select="''"/>
  <xsl:variable name="tk:gap-texts" as="map(*)"
      select="if (normalize-space($tk:gap-texts-json)) then parse-json($tk:gap-texts-json) else map{}"/>

  <xsl:template match="gap" mode="tk:text">
    <xsl:variable name="said" as="xs:string?" select="tokenize(@reason)[map:contains($tk:gap-texts, .)][1] ! $tk:gap-texts(.)"/>
    <span class="gap">
      <xsl:choose>
        <xsl:when test="exists($said)"><xsl:value-of select="$said"/></xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="title" select="string-join((tk:word('omitted'), @reason ! string(), @extent ! string()), tk:word('label-separator'))"/>
          <xsl:text>[…]</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- Names pointing at a register entry become links; others stay names. -->
  <xsl:template match="persName[@ref] | placeName[@ref] | orgName[@ref]" mode="tk:text" priority="1">
    <xsl:variable name="entry" as="element()?" select="tk:entry(@ref, .)"/>
    <xsl:choose>
      <xsl:when test="$entry and tk:register-of($entry) = tk:name-register(.)">
        <xsl:call-template name="tk:link">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="entry" select="$entry"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="ref[@target] | ptr[@target]" mode="tk:text" priority="1">
    <xsl:param name="tk:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- An empty @target is valid TEI and points nowhere: the text is kept, unlinked. -->
    <xsl:variable name="target" as="xs:string" select="(tokenize(normalize-space(@target), ' ')[1], '')[1]"/>
    <xsl:variable name="href" as="xs:string?" select="
      if ($target eq '') then ()
      else if (starts-with($target, '#') and key('tk:id', substring($target, 2), root(.))) then tk:internal-href(key('tk:id', substring($target, 2), root(.))[1])
      else if (matches($target, '^(https?|mailto):[^\s&quot;&lt;&gt;]+$')) then $target
      else ()"/>
    <xsl:choose>
      <xsl:when test="$href and not($tk:in-link)">
        <a class="{local-name()}" href="{$href}">
          <xsl:apply-templates mode="#current">
            <xsl:with-param name="tk:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="self::ptr or not(normalize-space())"><xsl:value-of select="$target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where an element of the document is shown, for internal references. -->
  <xsl:function name="tk:internal-href" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:sequence select="
      if (tk:register-of($target) ne '') then tk:entry-href($target)
      else '#' || tk:anchor((tk:citable($target), $target)[1])"/>
  </xsl:function>

  <xsl:template match="date" mode="tk:text">
    <xsl:call-template name="tk:date">
      <xsl:with-param name="node" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="choice" mode="tk:text">
    <xsl:call-template name="tk:alternate">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="preferred" select="tk:choice-preferred(.)"/>
      <xsl:with-param name="source" select="tk:choice-source(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Forme work (a signature, a catchword, a running head) is a piece of the page of its own: two
       pieces side by side at a page's foot ("A", "cti-") read apart, not as one word. -->
  <xsl:template match="fw[preceding-sibling::node()[1][self::fw]]" mode="tk:text" priority="1">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <!-- Measurements read as a description writes them, "327 × 236 mm": height, width and depth
       (or dim) are the sides of one object, not one number. -->
  <xsl:template match="dimensions[height | width | depth | dim]" mode="tk:text">
    <span class="dimensions">
      <xsl:for-each select="node()">
        <xsl:if test="(self::height | self::width | self::depth | self::dim)
                      and preceding-sibling::*[self::height or self::width or self::depth or self::dim]">
          <xsl:text> × </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="tk:text"/>
      </xsl:for-each>
      <xsl:for-each select="@unit"><xsl:text> </xsl:text><xsl:value-of select="."/></xsl:for-each>
    </span>
  </xsl:template>

  <!-- The side of a choice the text shows: the editor's correction, regularisation or expansion. -->
  <xsl:function name="tk:choice-preferred" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="$choice/(corr, reg, expan, *)[1]"/>
  </xsl:function>

  <!-- The other side: what the source has (sic, orig, abbr), else the next alternative. -->
  <xsl:function name="tk:choice-source" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="$choice/((sic, orig, abbr), * except tk:choice-preferred($choice))[1]"/>
  </xsl:function>

  <!-- Notes outside the text (in the header) are statements, not markers. -->
  <xsl:template match="note[not(ancestor::text)]" mode="tk:text" priority="1">
    <xsl:call-template name="tk:block">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="if (tk:has-blocks(.)) then 'div' else 'p'"/>
      <xsl:with-param name="class" select="'note'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="note" mode="tk:text">
    <xsl:call-template name="tk:note">
      <xsl:with-param name="node" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- Anything else: a block if it holds blocks, an inline span otherwise, its name kept as a class. -->
  <xsl:template match="*" mode="tk:text" priority="-1">
    <xsl:choose>
      <xsl:when test="tk:has-blocks(.)">
        <xsl:call-template name="tk:block">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="tag" select="'div'"/>
          <xsl:with-param name="class" select="'tei-' || local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:inline">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="tag" select="'span'"/>
          <xsl:with-param name="class" select="'tei-' || local-name()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="tk:text"/>

  <!-- ===== Rendering templates: defaults; an output format overrides what it does differently ===== -->

  <!-- lang and dir for an element whose language differs from its parent's. -->
  <xsl:template name="tk:language-attributes">
    <xsl:param name="node" as="element()"/>
    <xsl:if test="$node/@xml:lang">
      <xsl:attribute name="lang" select="tk:bcp47($node/@xml:lang)"/>
      <xsl:if test="tk:is-right-to-left($node/@xml:lang)">
        <xsl:attribute name="dir" select="'rtl'"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:block">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tag" as="xs:string"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="children" as="node()*" select="$node/node()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else $tag}">
      <xsl:attribute name="class" select="string-join(($class, 'block'[$tk:phrasing]), ' ')"/>
      <xsl:if test="$node/self::div or $node/self::div1 or $node/self::div2 or $node/self::div3 or $node/self::l or ($node/@xml:id and not($tk:phrasing))">
        <xsl:if test="not($tk:phrasing)">
          <xsl:attribute name="id" select="tk:anchor($node)"/>
        </xsl:if>
      </xsl:if>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:apply-templates select="$children" mode="tk:text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="tk:inline">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tag" as="xs:string"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if (not($tk:phrasing) and tk:has-blocks($node)) then 'div' else $tag}">
      <xsl:attribute name="class" select="$class"/>
      <!-- Which work a title names, for the works a passage mentions (search's facet). -->
      <xsl:for-each select="$node/self::title[@ref] ! tk:work-of(.)">
        <xsl:attribute name="data-ref" select="'#' || @xml:id"/>
      </xsl:for-each>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:apply-templates select="$node/node()" mode="tk:text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="tk:heading">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else 'h' || $level}">
      <xsl:attribute name="class" select="'head'"/>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:apply-templates select="$node/node()" mode="tk:text">
        <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A heading the encoding does not give (a supplied label). -->
  <xsl:template name="tk:heading-text">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else 'h' || $level}">
      <xsl:attribute name="class" select="'head supplied'"/>
      <xsl:value-of select="$text"/>
    </xsl:element>
  </xsl:template>

  <!-- A citable paragraph: its id and its visible number. -->
  <xsl:template name="tk:paragraph">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="number" as="xs:string" select="tk:paragraph-number($node)"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else if (tk:has-blocks($node)) then 'div' else 'p'}">
      <xsl:attribute name="class" select="'p'"/>
      <xsl:if test="not($tk:phrasing)">
        <xsl:attribute name="id" select="tk:anchor($node)"/>
      </xsl:if>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:if test="not($tk:phrasing)">
        <a class="pnum" href="#{tk:anchor($node)}" aria-label="{tk:word('paragraph')} {$number}"><xsl:value-of select="$number"/></a>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates select="$node/node()" mode="tk:text"/>
    </xsl:element>
  </xsl:template>

  <!-- A note marker linking to the note's text, which is rendered later in mode tk:note-text. -->
  <xsl:template name="tk:note">
    <xsl:param name="node" as="element()"/>
    <sup class="noteref"><a href="#{tk:anchor($node)}" id="ref-{tk:anchor($node)}"><xsl:value-of select="tk:note-label($node)"/></a></sup>
  </xsl:template>

  <!-- The text of a note, in a list of notes. -->
  <xsl:template match="note" mode="tk:note-text">
    <xsl:apply-templates mode="tk:text"/>
  </xsl:template>

  <!-- A name linked to its index entry. A name inside another linked name is linked on its own and the
       outer name's link covers the rest of its text, so links never nest. -->
  <xsl:template name="tk:link">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="tk:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="inner-links" as="element()*" select="$node//(persName|placeName|orgName|ref|ptr)[@ref or @target]"/>
    <xsl:choose>
      <xsl:when test="$tk:in-link">
        <span class="{local-name($node)} mention">
          <xsl:apply-templates select="$node/node()" mode="tk:text"/>
        </span>
      </xsl:when>
      <xsl:when test="empty($inner-links)">
        <a class="{local-name($node)} mention" href="{tk:entry-href($entry)}">
          <xsl:call-template name="tk:language-attributes">
            <xsl:with-param name="node" select="$node"/>
          </xsl:call-template>
          <xsl:apply-templates select="$node/node()" mode="tk:text">
            <xsl:with-param name="tk:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="first" as="node()?"
            select="$node/node()[not(descendant-or-self::*[. intersect $inner-links])][normalize-space(string(.))][1]"/>
        <span class="{local-name($node)}">
          <xsl:for-each-group select="$node/node()" group-adjacent="exists(descendant-or-self::*[. intersect $inner-links])">
            <xsl:choose>
              <xsl:when test="current-grouping-key()">
                <xsl:apply-templates select="current-group()" mode="tk:text"/>
              </xsl:when>
              <xsl:when test="normalize-space(string-join(current-group() ! string())) = ''">
                <xsl:apply-templates select="current-group()" mode="tk:text"/>
              </xsl:when>
              <xsl:otherwise>
                <a class="{local-name($node)} {if (current-group() intersect $first) then 'mention' else 'mention-part'}"
                    href="{tk:entry-href($entry)}">
                  <xsl:apply-templates select="current-group()" mode="tk:text">
                    <xsl:with-param name="tk:in-link" select="true()" tunnel="yes"/>
                  </xsl:apply-templates>
                </a>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each-group>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One reading shown (the correction), the other (the source's) kept for readers who ask. -->
  <xsl:template name="tk:alternate">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="preferred" as="element()?"/>
    <xsl:param name="source" as="element()?"/>
    <span class="{local-name($node)}">
      <xsl:apply-templates select="$preferred/node()" mode="tk:text"/>
    </span>
  </xsl:template>

  <xsl:template name="tk:date">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="iso" as="xs:string?" select="tk:iso-value($node)"/>
    <xsl:choose>
      <xsl:when test="$node/@when and matches($node/@when, '^\d{4}(-\d\d(-\d\d)?)?$')">
        <time class="date" datetime="{$node/@when}" title="{$iso}">
          <xsl:apply-templates select="$node/node()" mode="tk:text"/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date">
          <xsl:if test="$iso"><xsl:attribute name="title" select="$iso"/></xsl:if>
          <xsl:apply-templates select="$node/node()" mode="tk:text"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
