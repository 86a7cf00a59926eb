/**
 * The few pieces of SOAP 1.1 that PayFiP's `PaiementSecuriseService` needs, by hand: document /
 * literal, the operation element in the service namespace, its children (`arg0`, `return` and the
 * fields) unqualified, faults carrying a `FonctionnelleErreur` (code, libelle, descriptif…).
 */

export const SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
export const PAYFIP_SERVICE_NS =
  "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text safe inside an XML element or attribute. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text an XML element holds: entities decoded, CDATA unwrapped. */
export function unescapeXml(value: string): string {
  return value
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith("<![CDATA[")
        ? part.slice(9, -3)
        : part.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
            if (ref.startsWith("#x"))
              return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
            if (ref.startsWith("#")) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
            return NAMED[ref] ?? whole;
          }),
    )
    .join("");
}

/**
 * The inner XML of the first element whose local name is `name`, whatever its prefix; "" for an
 * empty element (`<numauto/>`), null when there is none.
 */
export function innerXml(xml: string, name: string): string | null {
  const { open, close } = tagPatterns(name);
  const start = open.exec(xml);
  if (!start) return null;
  if (start[1] === "/") return "";
  const from = start.index + start[0].length;
  const end = close.exec(xml.slice(from));
  return end ? xml.slice(from, from + end.index) : null;
}

/** The opening and closing patterns of an element, made once per name (SOAP uses a few dozen). */
function tagPatterns(name: string): { open: RegExp; close: RegExp } {
  let patterns = tagPatternCache.get(name);
  if (!patterns) {
    patterns = {
      // Without the g flag: `exec` keeps no state between calls.
      open: new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])[^>]*?(/?)>`),
      close: new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`),
    };
    if (tagPatternCache.size >= 200) tagPatternCache.clear();
    tagPatternCache.set(name, patterns);
  }
  return patterns;
}
const tagPatternCache = new Map<string, { open: RegExp; close: RegExp }>();

/** The decoded text of the first element named `name`, or null. */
export function textOf(xml: string, name: string): string | null {
  const inner = innerXml(xml, name);
  return inner === null ? null : unescapeXml(inner).trim();
}

/** A document/literal request for `operation` with `fields` inside `arg0`, in PayFiP's order. */
export function requestEnvelope(operation: string, fields: [string, string][]): string {
  const args = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:pai="${PAYFIP_SERVICE_NS}">` +
    `<soapenv:Header/><soapenv:Body><pai:${operation}><arg0>${args}</arg0></pai:${operation}>` +
    "</soapenv:Body></soapenv:Envelope>"
  );
}

/** The answer to `operation`, shaped like PayFiP's (JAX-WS): fields inside `return`. */
export function responseEnvelope(operation: string, fields: [string, string | null][]): string {
  const body = fields
    .map(([name, value]) =>
      value === null ? `<${name}/>` : `<${name}>${escapeXml(value)}</${name}>`,
    )
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body>` +
    `<ns2:${operation}Response xmlns:ns2="${PAYFIP_SERVICE_NS}"><return>${body}</return>` +
    `</ns2:${operation}Response></S:Body></S:Envelope>`
  );
}

export type TFaultKind =
  | "FonctionnelleErreur"
  | "TechDysfonctionnementErreur"
  | "TechIndisponibiliteErreur"
  | "TechProtocolaireErreur";

const FAULT_KINDS: readonly TFaultKind[] = [
  "FonctionnelleErreur",
  "TechDysfonctionnementErreur",
  "TechIndisponibiliteErreur",
  "TechProtocolaireErreur",
];

/** A SOAP fault as PayFiP sends it: faultstring naming the Java exception, the error in detail. */
export function faultEnvelope(fault: {
  kind?: TFaultKind;
  code: string;
  libelle: string;
  descriptif?: string;
  severite?: number;
}): string {
  const kind = fault.kind ?? "FonctionnelleErreur";
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body><S:Fault>` +
    "<faultcode>S:Server</faultcode>" +
    `<faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.${kind}</faultstring>` +
    `<detail><ns2:${kind} xmlns:ns2="${PAYFIP_SERVICE_NS}">` +
    `<code>${escapeXml(fault.code)}</code>` +
    `<descriptif>${escapeXml(fault.descriptif ?? fault.libelle)}</descriptif>` +
    `<libelle>${escapeXml(fault.libelle)}</libelle>` +
    `<severite>${fault.severite ?? 2}</severite>` +
    `</ns2:${kind}></detail></S:Fault></S:Body></S:Envelope>`
  );
}

export type TSoapFault = {
  kind: TFaultKind | null;
  code: string | null;
  faultstring: string;
  /** libelle, else descriptif, else message, else faultstring. */
  text: string;
};

/** The fault in a SOAP answer, or null when the answer is not a fault. */
export function parseFault(xml: string): TSoapFault | null {
  const fault = innerXml(xml, "Fault");
  if (fault === null) return null;
  const faultstring = textOf(fault, "faultstring") ?? "";
  const detail = innerXml(fault, "detail") ?? "";
  const kind = FAULT_KINDS.find((k) => innerXml(detail, k) !== null) ?? null;
  const inner = kind ? (innerXml(detail, kind) ?? "") : detail;
  const code = textOf(inner, "code") || null;
  const text =
    textOf(inner, "libelle") ||
    textOf(inner, "descriptif") ||
    textOf(inner, "message") ||
    faultstring ||
    "Erreur SOAP sans message";
  return { kind, code, faultstring, text };
}
