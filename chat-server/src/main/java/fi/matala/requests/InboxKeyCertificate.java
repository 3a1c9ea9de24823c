package fi.matala.requests;

import fi.matala.e2ee.OrganisationCa;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The server's own check of a stored inbox key before it serves it: the certificate must be one this
 * organisation CA issued for exactly this key id and public key, for key agreement, and be valid now.
 * The citizen's browser checks the same against the root that ships with the page (the decisive
 * check); this one keeps a record written straight into the database from being served at all.
 */
final class InboxKeyCertificate {
  private InboxKeyCertificate() {}

  /** The certificate's notAfter when it is valid for this key now; empty for anything else. */
  static Optional<Instant> verify(OrganisationCa ca, String keyId, String publicKeyBase64, String certificateBase64,
      Instant now) {
    if (keyId == null || publicKeyBase64 == null || certificateBase64 == null) {
      return Optional.empty();
    }
    try {
      X509CertificateHolder cert = new X509CertificateHolder(Base64.getDecoder().decode(certificateBase64));
      SubjectPublicKeyInfo spki = cert.getSubjectPublicKeyInfo();
      boolean rightKey = spki.getAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_X25519)
          && spki.getAlgorithm().getParameters() == null
          && Arrays.equals(spki.getPublicKeyData().getOctets(), Base64.getDecoder().decode(publicKeyBase64));
      KeyUsage usage = KeyUsage.fromExtensions(cert.getExtensions());
      boolean forKeyAgreement = usage != null && usage.hasUsages(KeyUsage.keyAgreement)
          && !usage.hasUsages(KeyUsage.keyCertSign) && !usage.hasUsages(KeyUsage.digitalSignature);
      boolean valid = cert.isValidOn(java.util.Date.from(now));
      if (rightKey && forKeyAgreement && valid && namesKey(cert, keyId) && ca.issued(cert)) {
        return Optional.of(cert.getNotAfter().toInstant());
      }
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Exactly one SAN, the URI urn:matala:inbox-key:&lt;keyId&gt;. */
  private static boolean namesKey(X509CertificateHolder cert, String keyId) {
    GeneralNames names = GeneralNames.fromExtensions(cert.getExtensions(), Extension.subjectAlternativeName);
    if (names == null || names.getNames().length != 1) {
      return false;
    }
    GeneralName name = names.getNames()[0];
    return name.getTagNo() == GeneralName.uniformResourceIdentifier
        && (OrganisationCa.INBOX_KEY_URN_PREFIX + keyId).equals(name.getName().toString());
  }
}
