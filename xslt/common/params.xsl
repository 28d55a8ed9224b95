<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:param name="tk:fixed-date" as="xs:string" select="''">
    <!-- ISO date (YYYY-MM-DD) printed as the build date; empty means today. Fix it for repeatable output. -->
  </xsl:param>

  <xsl:param name="tk:collation-order" as="xs:string" select="''">
    <!-- Index sort keys in their Unicode Collation Algorithm order, one per line, computed by the caller
         (Saxon-HE's own UCA collation falls back to a tailoring that misplaces letters such as Ø).
         Empty: sort with Saxon's UCA collation. -->
  </xsl:param>

  <xsl:variable name="tk:build-date" as="xs:string"
      select="if ($tk:fixed-date castable as xs:date) then $tk:fixed-date else string(current-date())"/>

  <xsl:variable name="tk:collation-rank" as="map(xs:string, xs:integer)">
    <xsl:variable name="keys" as="xs:string*" select="tokenize($tk:collation-order, '&#10;')[. ne '']"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($keys) return map{$keys[$i]: $i},
                                    map{'duplicates': 'use-first'})"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:variable>
</xsl:stylesheet>
