/**
 * The manifests LMSs read from a package: SCORM 1.2 and SCORM 2004 4th edition
 * `imsmanifest.xml`, cmi5 `cmi5.xml`. Pure text builders; every item of a package is one
 * SCO (SCORM) or AU (cmi5), launched from its own page in the package.
 */

export interface PackageItem {
  /** Identifier-safe id (the scenario id). */
  id: string;
  title: string;
  description: string;
  /** The page that launches it, relative to the package root. */
  href: string;
}

export interface PackageDescription {
  /** Identifier-safe package id. */
  id: string;
  title: string;
  description: string;
  items: PackageItem[];
  /** Every file in the package (resources list them). */
  files: string[];
  /** In [0, 1]: the share of the reachable score range that passes. */
  mastery: number;
}

export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const sharedFiles = (pkg: PackageDescription) =>
  pkg.files.filter((file) => !pkg.items.some((item) => item.href === file));

const fileLines = (files: readonly string[], indent: string) =>
  files.map((file) => `${indent}<file href="${xmlEscape(file)}"/>`).join('\n');

/** SCORM 1.2 (ADL SCORM 1.2, IMS Content Packaging 1.1.2). */
export function scorm12Manifest(pkg: PackageDescription): string {
  const mastery = Math.round(pkg.mastery * 100);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlEscape(pkg.id)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-${xmlEscape(pkg.id)}">
    <organization identifier="org-${xmlEscape(pkg.id)}">
      <title>${xmlEscape(pkg.title)}</title>
${pkg.items
  .map(
    (
      item,
    ) => `      <item identifier="item-${xmlEscape(item.id)}" identifierref="res-${xmlEscape(item.id)}" isvisible="true">
        <title>${xmlEscape(item.title)}</title>
        <adlcp:masteryscore>${mastery}</adlcp:masteryscore>
      </item>`,
  )
  .join('\n')}
    </organization>
  </organizations>
  <resources>
${pkg.items
  .map(
    (
      item,
    ) => `    <resource identifier="res-${xmlEscape(item.id)}" type="webcontent" adlcp:scormtype="sco" href="${xmlEscape(item.href)}">
      <file href="${xmlEscape(item.href)}"/>
      <dependency identifierref="res-shared"/>
    </resource>`,
  )
  .join('\n')}
    <resource identifier="res-shared" type="webcontent" adlcp:scormtype="asset">
${fileLines(sharedFiles(pkg), '      ')}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * SCORM 2004 4th edition: each SCO's primary objective is satisfied by its measure
 * (`cmi.score.scaled` ≥ the mastery), so the LMS and the package agree on passed/failed;
 * several items are sequenced in order with free choice (flow and choice).
 */
export function scorm2004Manifest(pkg: PackageDescription): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlEscape(pkg.id)}" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org-${xmlEscape(pkg.id)}">
    <organization identifier="org-${xmlEscape(pkg.id)}" adlseq:objectivesGlobalToSystem="false">
      <title>${xmlEscape(pkg.title)}</title>
${pkg.items
  .map(
    (
      item,
    ) => `      <item identifier="item-${xmlEscape(item.id)}" identifierref="res-${xmlEscape(item.id)}" isvisible="true">
        <title>${xmlEscape(item.title)}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${xmlEscape(item.id)}-mastery" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${pkg.mastery}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>`,
  )
  .join('\n')}
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
${pkg.items
  .map(
    (
      item,
    ) => `    <resource identifier="res-${xmlEscape(item.id)}" type="webcontent" adlcp:scormType="sco" href="${xmlEscape(item.href)}">
      <file href="${xmlEscape(item.href)}"/>
      <dependency identifierref="res-shared"/>
    </resource>`,
  )
  .join('\n')}
    <resource identifier="res-shared" type="webcontent" adlcp:scormType="asset">
${fileLines(sharedFiles(pkg), '      ')}
    </resource>
  </resources>
</manifest>
`;
}

/** The course's and AUs' IRIs in cmi5.xml (stable per package id and item). */
export const cmi5CourseIri = (pkg: Pick<PackageDescription, 'id'>) =>
  `https://casecraft.example/xapi/activities/package/${encodeURIComponent(pkg.id)}`;
export const cmi5AuIri = (pkg: Pick<PackageDescription, 'id'>, item: Pick<PackageItem, 'id'>) =>
  `${cmi5CourseIri(pkg)}/au/${encodeURIComponent(item.id)}`;

/** cmi5 course structure: one AU per item, passed at the mastery score (moveOn CompletedAndPassed). */
export function cmi5CourseStructure(pkg: PackageDescription): string {
  const langstring = (text: string) => `<langstring lang="en-US">${xmlEscape(text)}</langstring>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${xmlEscape(cmi5CourseIri(pkg))}">
    <title>${langstring(pkg.title)}</title>
    <description>${langstring(pkg.description)}</description>
  </course>
${pkg.items
  .map(
    (
      item,
    ) => `  <au id="${xmlEscape(cmi5AuIri(pkg, item))}" moveOn="CompletedAndPassed" masteryScore="${pkg.mastery}" launchMethod="AnyWindow">
    <title>${langstring(item.title)}</title>
    <description>${langstring(item.description)}</description>
    <url>${xmlEscape(item.href)}</url>
  </au>`,
  )
  .join('\n')}
</courseStructure>
`;
}
