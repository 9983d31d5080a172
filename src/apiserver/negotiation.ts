// Content negotiation: what a client accepts (JSON, Table, discovery forms) and how request
// bodies are encoded.

export interface AcceptedForm {
  /** 'Table' | 'APIGroupDiscoveryList' | 'PartialObjectMetadata' | 'PartialObjectMetadataList' | '' (plain). */
  as: string;
  group: string;
  version: string;
  mediaType: string;
}

/** Parses an Accept header into its media ranges in order (q values ignored, as client-go sends none). */
export function parseAccept(header: string | undefined): AcceptedForm[] {
  if (!header) return [{ as: '', group: '', version: '', mediaType: 'application/json' }];
  return header.split(',').map((part) => {
    const [type, ...params] = part.trim().split(';');
    const p: Record<string, string> = {};
    for (const kv of params) {
      const [k, v] = kv.split('=');
      if (k && v !== undefined) p[k.trim()] = v.trim();
    }
    return { as: p.as ?? '', group: p.g ?? '', version: p.v ?? '', mediaType: (type ?? '').trim().toLowerCase() };
  });
}

const JSONISH = new Set(['application/json', '*/*', 'application/*', 'application/yaml', 'application/vnd.kubernetes.protobuf']);

/** Whether the client wants a server-side Table (meta.k8s.io/v1 or v1beta1). */
export function wantsTable(forms: AcceptedForm[]): { version: string } | undefined {
  for (const f of forms) {
    if (f.as === 'Table' && f.mediaType === 'application/json' && (f.group === 'meta.k8s.io')) return { version: f.version || 'v1' };
    if (f.as === '' && JSONISH.has(f.mediaType)) return undefined;
  }
  return undefined;
}

/** True when JSON (our only response encoding) is acceptable. */
export function acceptsJson(forms: AcceptedForm[]): boolean {
  return forms.some((f) => (f.as === '' || f.as === 'Table' || f.as === 'APIGroupDiscoveryList' || f.as === 'PartialObjectMetadata' || f.as === 'PartialObjectMetadataList') && (f.mediaType === 'application/json' || f.mediaType === '*/*' || f.mediaType === 'application/*' || f.mediaType === 'application/vnd.kubernetes.protobuf' || f.mediaType === 'application/yaml'));
}

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'] as const;
export type PatchType = (typeof PATCH_TYPES)[number];
export const BODY_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
