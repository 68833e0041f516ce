import { children, type DerElement, decodeOid, decodeString, Tag } from '../asn1/der.js';
import { OID } from './oids.js';

/** The attributes of an X.501 Name that people read. */
export interface NameAttributes {
  commonName?: string;
  organization?: string;
  /** Every attribute as `oid=value`, in order. */
  all: { oid: string; value: string }[];
}

/** Decodes a DER `Name` (RDNSequence). */
export function decodeName(name: DerElement): NameAttributes {
  const result: NameAttributes = { all: [] };
  for (const rdn of children(name)) {
    if (rdn.tag !== Tag.SET) continue;
    for (const attribute of children(rdn)) {
      const [type, value] = children(attribute);
      if (!type || !value || type.tag !== Tag.OID) continue;
      const oid = decodeOid(type.value);
      const text = decodeString(value);
      result.all.push({ oid, value: text });
      if (oid === OID.commonName) result.commonName = text;
      if (oid === OID.organizationName) result.organization = text;
    }
  }
  return result;
}
