// A stand-in for NemLog-in in tests: key pairs made here, and OIOSAML 3 responses
// signed with xml-crypto the way an identity provider signs them.
import { randomBytes } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { generate } from "selfsigned";
import { SignedXml } from "xml-crypto";
import { encrypt } from "xml-encryption";

export type KeyPair = { key: string; cert: string };

export async function makeKeyPair(commonName: string): Promise<KeyPair> {
  const made = await generate([{ name: "commonName", value: commonName }], { keySize: 2048 });
  return { key: made.private, cert: made.cert };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export type AssertionInput = {
  inResponseTo: string;
  issuer: string;
  audience: string;
  acsUrl: string;
  /** The persistent professional UUID (the subject). */
  uuid: string;
  email?: string;
  loa?: string;
  assertionId?: string;
  /** Defaults to five minutes from now. */
  notOnOrAfter?: Date;
  /** Written on the (unsigned) Response element; defaults to inResponseTo. */
  responseInResponseTo?: string;
  /** false: SubjectConfirmationData names no request. */
  confirmationNamesRequest?: boolean;
};

/** A Response with one assertion signed by `signer`, base64 as the HTTP-POST binding sends it. */
export function samlResponse(input: AssertionInput, signer: KeyPair, tamper?: (signedXml: string) => string): string {
  const now = new Date();
  const until = (input.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString();
  const before = new Date(now.getTime() - 60_000).toISOString();
  const assertionId = input.assertionId ?? `_a${randomBytes(16).toString("hex")}`;
  const attr = (name: string, value: string | undefined) =>
    value === undefined
      ? ""
      : `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>${esc(value)}</saml:AttributeValue></saml:Attribute>`;
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
    `ID="_r${randomBytes(16).toString("hex")}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${esc(input.acsUrl)}" ` +
    `InResponseTo="${esc(input.responseInResponseTo ?? input.inResponseTo)}">` +
    `<saml:Issuer>${esc(input.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${esc(input.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(input.uuid)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData${input.confirmationNamesRequest === false ? "" : ` InResponseTo="${esc(input.inResponseTo)}"`} NotOnOrAfter="${until}" Recipient="${esc(input.acsUrl)}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${before}" NotOnOrAfter="${until}">` +
    `<saml:AudienceRestriction><saml:Audience>${esc(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${assertionId}"><saml:AuthnContext>` +
    `<saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis/loa/${esc(input.loa ?? "Substantial")}</saml:AuthnContextClassRef>` +
    `</saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>` +
    attr("https://data.gov.dk/model/core/specVersion", "OIOSAML-3.0") +
    attr("https://data.gov.dk/concept/core/nsis/loa", input.loa ?? "Substantial") +
    attr("https://data.gov.dk/model/core/eid/professional/uuid/persistent", input.uuid) +
    attr("https://data.gov.dk/model/core/eid/email", input.email) +
    `</saml:AttributeStatement></saml:Assertion></samlp:Response>`;

  const sig = new SignedXml({
    privateKey: signer.key,
    publicCert: signer.cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  sig.computeSignature(xml, {
    location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" },
  });
  const signed = tamper ? tamper(sig.getSignedXml()) : sig.getSignedXml();
  return Buffer.from(signed, "utf8").toString("base64");
}

/** As NemLog-in sends it: the signed assertion encrypted to the service provider's certificate. */
export async function encryptedSamlResponse(input: AssertionInput, signer: KeyPair, spCert: string): Promise<string> {
  const xml = Buffer.from(samlResponse(input, signer), "base64").toString("utf8");
  const assertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
  const encrypted = await new Promise<string>((resolve, reject) =>
    encrypt(
      assertion,
      {
        rsa_pub: spCert,
        pem: spCert,
        encryptionAlgorithm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
        keyEncryptionAlgorithm: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
  const wrapped = xml.replace(assertion, `<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>`);
  return Buffer.from(wrapped, "utf8").toString("base64");
}

/** The AuthnRequest from an HTTP-Redirect binding URL. */
export function authnRequestOf(location: string) {
  const url = new URL(location);
  const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
  const id = /\bID="([^"]+)"/.exec(xml)![1];
  return { url, xml, id };
}
