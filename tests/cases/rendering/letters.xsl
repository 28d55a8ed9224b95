<?xml version="1.0" encoding="UTF-8"?>
<!-- This project's own rendering, imported over teikit's: the writer's signature stands apart. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tk="urn:teikit" xpath-default-namespace="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="#all">
  <xsl:template match="signed" mode="tk:text" priority="5">
    <p class="signature"><xsl:apply-templates mode="tk:text"/></p>
  </xsl:template>
</xsl:stylesheet>
