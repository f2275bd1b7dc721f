import type { Finding } from '../../model/index.js';
import { atFileStart, atMetadataKey, atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

/** A URL as Go's lenient `net/url.Parse` takes one with a scheme: `scheme:rest`. */
const WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:./s;

export const urlRule: Rule = {
  id: 'metadata/url',
  description:
    'a field the profile marks `format: url` holds a placeholder (TBD), an empty item, text without a scheme, or no URL at all (OpenShift’s `tracking-link`; off for Kubernetes)',
  rationale:
    'A tracking link is how a reader gets from the proposal to the work (a Jira epic, an issue): a placeholder left from the template, or a field with no link, leaves the proposal untraceable. Which fields are links is the profile’s data (`format: url`), so a process without any has nothing to check. As OpenShift’s metadata-lint does, each bad item is one finding, and a field with no URL at all one more. Example: `tracking-link: [TBD]`.',
  severity: 'warning',
  docs: {
    appliesTo: 'every proposal, for the fields whose schema says `format: url`',
    profileKeys: ['metadata.fields', 'rules.metadata/url.placeholders'],
    bad: { kind: 'metadata', text: 'tracking-link:\n  - TBD' },
    good: { kind: 'metadata', text: 'tracking-link:\n  - https://issues.redhat.com/browse/OCPSTRAT-1234' },
  },
  check(proposal, facts) {
    const data = rawMetadata(proposal);
    if (!data || !proposal.metadataFile) return [];
    const placeholders = new Set(
      (facts.profile.ruleOptions['metadata/url']?.placeholders as string[] | undefined) ?? ['TBD'],
    );
    const findings: Finding[] = [];
    for (const [key, spec] of Object.entries(facts.profile.metadata.fields)) {
      if (spec.format !== 'url') continue;
      const value = data[key];
      const items: unknown[] = Array.isArray(value)
        ? value
        : value === undefined || value === null
          ? []
          : [value];
      let urls = 0;
      items.forEach((item, index) => {
        const path = Array.isArray(value) ? [key, index] : [key];
        if (item === null) return;
        const text = typeof item === 'string' ? item.trim() : '';
        if (placeholders.has(text))
          findings.push(
            atMetadataValue(
              proposal,
              path,
              `"${key}" holds the placeholder "${text}"; link the tracking ticket`,
            ),
          );
        else if (text === '') findings.push(atMetadataValue(proposal, path, `"${key}" has an empty item`));
        else if (!WITH_SCHEME.test(text))
          findings.push(atMetadataValue(proposal, path, `"${text}" in "${key}" is not a URL (no scheme)`));
        else urls++;
      });
      if (urls === 0)
        findings.push(
          key in data
            ? atMetadataKey(proposal, [key], `"${key}" holds no URL`)
            : atFileStart(proposal.metadataFile.file.path, `"${key}" is missing; it must hold a URL`),
        );
    }
    return findings;
  },
};
