// The image pull policy default: Always for `:latest` (or no tag and no digest), else IfNotPresent,
// as SetDefaults_Container via parsers.ParseImageName (docker reference grammar).

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$|^\[[a-fA-F0-9:]+\](?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const IDENTIFIER = /^[a-f0-9]{64}$/;

/** The tag ParseImageName reports: "latest" when neither tag nor digest is given; undefined when unparseable. */
export function imageTag(image: string): string | undefined {
  if (image.length === 0 || image.length > 255 * 2 || IDENTIFIER.test(image)) return undefined;
  let name = image;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const slash = name.indexOf('/');
  let path = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      if (!DOMAIN.test(first)) return undefined;
      path = name.slice(slash + 1);
    }
  }
  if (path.length === 0 || !path.split('/').every((c) => PATH_COMPONENT.test(c))) return undefined;
  if (tag !== undefined) return tag;
  return digest === undefined ? 'latest' : '';
}

export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
