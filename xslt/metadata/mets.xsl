<?xml version="1.0" encoding="UTF-8"?>
<!--
  A METS document for the deposit: the teiHeader's Dublin Core embedded, the DataCite record
  referenced, and every payload file listed in a file group for its role, with its size and
  SHA-256 checksum. The file list comes from the packager as XML text in $tk:inventory:
  <files xmlns="urn:teikit"><file path="tei/a.xml" use="source" mime="application/tei+xml"
  size="123" sha256="…"/></files>, paths relative to the payload root.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:mets="http://www.loc.gov/METS/"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="#all">

  <xsl:import href="dc.xsl"/>

  <xsl:param name="tk:inventory" as="xs:string" required="yes">
    <!-- The payload files (see above), serialised as XML. -->
  </xsl:param>
  <!-- tk:fixed-date (xslt/common/params.xsl) gives the METS header's CREATEDATE; empty leaves it
       out, so packing twice gives the same file. -->
  <xsl:param name="tk:agent" as="xs:string" select="'teikit'">
    <!-- The software that made the package, named in the METS header. -->
  </xsl:param>
  <xsl:param name="tk:mets-path" as="xs:string" select="'metadata/mets.xml'">
    <!-- Where this document sits in the payload: file references are relative to it. -->
  </xsl:param>

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>
  <xsl:mode name="tk:mets" on-no-match="shallow-skip"/>

  <xsl:variable name="tk:files" as="element(tk:file)*" select="parse-xml($tk:inventory)/tk:files/tk:file"/>

  <xsl:variable name="tk:use-labels" as="map(xs:string, xs:string)" select="map{
    'source': 'TEI sources and registers',
    'schema': 'Schemas the sources were validated against',
    'web': 'Web edition (HTML)',
    'print': 'Print edition (PDF/A)',
    'index': 'Index data',
    'metadata': 'Metadata and validation report',
    'configuration': 'The project file (teikit.toml) and its catalog'}"/>

  <xsl:template match="/">
    <xsl:apply-templates select="(tei:TEI | tei:teiCorpus)/tei:teiHeader" mode="tk:mets"/>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="tk:mets">
    <mets:mets OBJID="{tk:text(tk:identifier(.))}" LABEL="{tk:title(.)}" TYPE="Digital scholarly edition"
        xsi:schemaLocation="http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd">
      <xsl:namespace name="xlink" select="'http://www.w3.org/1999/xlink'"/>
      <mets:metsHdr>
        <xsl:if test="$tk:fixed-date ne ''">
          <xsl:attribute name="CREATEDATE" select="tk:date-time($tk:fixed-date)"/>
        </xsl:if>
        <mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">
          <mets:name><xsl:value-of select="$tk:agent"/></mets:name>
        </mets:agent>
        <mets:agent ROLE="CUSTODIAN" TYPE="ORGANIZATION">
          <mets:name><xsl:value-of select="tk:publisher(.)"/></mets:name>
        </mets:agent>
      </mets:metsHdr>
      <mets:dmdSec ID="dmd-dc">
        <mets:mdWrap MDTYPE="DC" LABEL="Dublin Core">
          <mets:xmlData>
            <oai_dc:dc>
              <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
              <xsl:apply-templates select="." mode="tk:dc"/>
            </oai_dc:dc>
          </mets:xmlData>
        </mets:mdWrap>
      </mets:dmdSec>
      <xsl:if test="$tk:files[@path eq 'metadata/datacite.xml']">
        <mets:dmdSec ID="dmd-datacite">
          <mets:mdRef LOCTYPE="URL" xlink:type="simple" xlink:href="{tk:href('metadata/datacite.xml')}"
              MDTYPE="OTHER" OTHERMDTYPE="DataCite" MIMETYPE="application/xml" LABEL="DataCite Metadata Schema 4.6"/>
        </mets:dmdSec>
      </xsl:if>
      <mets:fileSec>
        <xsl:for-each-group select="$tk:files" group-by="@use">
          <mets:fileGrp USE="{current-grouping-key()}">
            <xsl:for-each select="current-group()">
              <mets:file ID="{tk:file-id(.)}" MIMETYPE="{@mime}" SIZE="{@size}"
                  CHECKSUM="{@sha256}" CHECKSUMTYPE="SHA-256">
                <mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="{tk:href(@path)}"/>
              </mets:file>
            </xsl:for-each>
          </mets:fileGrp>
        </xsl:for-each-group>
      </mets:fileSec>
      <mets:structMap TYPE="logical" LABEL="Parts of the deposit">
        <mets:div TYPE="edition" LABEL="{tk:title(.)}" DMDID="dmd-dc{' dmd-datacite'[$tk:files[@path eq 'metadata/datacite.xml']]}">
          <xsl:for-each-group select="$tk:files" group-by="@use">
            <mets:div TYPE="{current-grouping-key()}" LABEL="{($tk:use-labels(current-grouping-key()), current-grouping-key())[1]}">
              <xsl:for-each select="current-group()">
                <mets:fptr FILEID="{tk:file-id(.)}"/>
              </xsl:for-each>
            </mets:div>
          </xsl:for-each-group>
        </mets:div>
      </mets:structMap>
    </mets:mets>
  </xsl:template>

  <xsl:function name="tk:file-id" as="xs:string">
    <xsl:param name="file" as="element(tk:file)"/>
    <xsl:sequence select="'file-' || (count($file/preceding-sibling::tk:file) + 1)"/>
  </xsl:function>

  <!-- A payload path as a URI reference from this METS document's own folder. -->
  <xsl:function name="tk:href" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="depth" as="xs:integer" select="count(tokenize($tk:mets-path, '/')) - 1"/>
    <xsl:sequence select="string-join((for $step in 1 to $depth return '..', tokenize($path, '/') ! encode-for-uri(.)), '/')"/>
  </xsl:function>

  <xsl:function name="tk:date-time" as="xs:string">
    <xsl:param name="date" as="xs:string"/>
    <xsl:sequence select="if (matches($date, '^\d{4}-\d{2}-\d{2}$')) then $date || 'T00:00:00Z' else $date"/>
  </xsl:function>
</xsl:stylesheet>
