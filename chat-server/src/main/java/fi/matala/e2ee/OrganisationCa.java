package fi.matala.e2ee;

import fi.matala.keys.PemFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organisation's certificate authority for staff devices' MLS signature keys (Ed25519).
 * A root, kept apart from the TLS and token keys, certifies an issuing CA; the issuing CA
 * certifies each signed-in device's key for at most 24 hours, binding staff id (UID), display
 * name (CN), role (OU) and device (SAN URI urn:matala:device:&lt;id&gt;). Citizens' browsers
 * verify the chain up to the root (docs/e2ee.md has the exact profile). The same issuing CA
 * certifies the team's request inbox key once two admins approved it (docs/requests.md).
 */
public final class OrganisationCa {
  private static final Logger LOG = LoggerFactory.getLogger(OrganisationCa.class);
  public static final Duration DEVICE_VALIDITY = Duration.ofHours(24);
  /**
   * How long a request inbox key certificate is valid. Short enough that a retired key's certificate
   * soon stops being accepted, long enough that admins rotate the key about once a year.
   */
  public static final Duration INBOX_KEY_VALIDITY = Duration.ofDays(365);
  /** The SAN URI of an inbox key certificate names its key id: the purpose and the key in one. */
  public static final String INBOX_KEY_URN_PREFIX = "urn:matala:inbox-key:";
  private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
  private static final Duration ISSUING_VALIDITY = Duration.ofDays(730);
  private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
  private static final AlgorithmIdentifier X25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_X25519);
  private static final String ORGANISATION = "Matala";

  private final X509CertificateHolder root;
  private final X509CertificateHolder issuing;
  private final PrivateKey issuingKey;
  private final SecureRandom random = new SecureRandom();

  private OrganisationCa(X509CertificateHolder root, X509CertificateHolder issuing, PrivateKey issuingKey) {
    this.root = root;
    this.issuing = issuing;
    this.issuingKey = issuingKey;
  }

  private static final String ROOT_KEY_FILE = "root-key.pem";
  private static final String ISSUING_KEY_FILE = "issuing-key.pem";

  /** The CA's private key files in dir (the root key may have been moved offline). */
  public static List<Path> keyFiles(Path dir) {
    return List.of(dir.resolve(ROOT_KEY_FILE), dir.resolve(ISSUING_KEY_FILE));
  }

  /** Loads the CA from dir, creating root and issuing CA on first start. */
  public static OrganisationCa openOrCreate(Path dir) {
    Path rootCert = dir.resolve("root.pem");
    Path rootKey = dir.resolve(ROOT_KEY_FILE);
    Path issuingCert = dir.resolve("issuing.pem");
    Path issuingKeyFile = dir.resolve(ISSUING_KEY_FILE);
    try {
      if (!Files.exists(rootCert)) {
        Instant now = Instant.now();
        KeyPair rootPair = newEd25519();
        X500Name rootName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANISATION)
            .addRDN(BCStyle.CN, "Matala organisation root").build();
        X509CertificateHolder r = caCertificate(rootName, rootName, rootPair.getPublic(), rootPair.getPrivate(), now,
            ROOT_VALIDITY, 1);
        KeyPair issuingPair = newEd25519();
        X500Name issuingName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANISATION)
            .addRDN(BCStyle.CN, "Matala staff device CA").build();
        X509CertificateHolder i = caCertificate(rootName, issuingName, issuingPair.getPublic(), rootPair.getPrivate(), now,
            ISSUING_VALIDITY, 0);
        PemFiles.writeSecret(rootKey, PemFiles.privateKeyPem(rootPair.getPrivate()));
        PemFiles.writeSecret(issuingKeyFile, PemFiles.privateKeyPem(issuingPair.getPrivate()));
        PemFiles.writeSecret(issuingCert, pem(i));
        PemFiles.writeSecret(rootCert, pem(r));
        LOG.info("Created the organisation CA in {} (move root-key.pem offline in production)", dir);
      }
      return new OrganisationCa(readCertificate(rootCert), readCertificate(issuingCert), readEd25519Key(issuingKeyFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the organisation CA in " + dir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the organisation CA in " + dir, e);
    }
  }

  public byte[] rootDer() {
    return encoded(root);
  }

  public byte[] issuingDer() {
    return encoded(issuing);
  }

  /** A device certificate: leaf DER; valid from a minute ago for {@link #DEVICE_VALIDITY}. */
  public byte[] certifyDevice(String staffId, String displayName, String role, String deviceId, byte[] ed25519PublicKey) {
    if (ed25519PublicKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    Instant now = Instant.now();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, ORGANISATION)
        .addRDN(BCStyle.OU, role)
        .addRDN(BCStyle.UID, staffId)
        .addRDN(BCStyle.CN, printable(displayName))
        .build();
    try {
      X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuing.getSubject(), serial(),
          Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(DEVICE_VALIDITY).minus(Duration.ofMinutes(1))),
          subject, new SubjectPublicKeyInfo(ED25519, ed25519PublicKey));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "urn:matala:device:" + deviceId)));
      return encoded(b.build(signer(issuingKey)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot certify the device", e);
    }
  }

  /**
   * A certificate for the team's request inbox key (an X25519 key citizens seal requests to),
   * issued only after a second admin approved it (docs/requests.md). Leaf DER: key agreement only,
   * SAN URI urn:matala:inbox-key:&lt;keyId&gt;, valid {@link #INBOX_KEY_VALIDITY} but never beyond the
   * issuing CA. Citizens' browsers verify it to the root that ships with the page before sealing.
   */
  public byte[] certifyInboxKey(String keyId, byte[] x25519PublicKey) {
    if (x25519PublicKey.length != 32) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes");
    }
    Instant now = Instant.now();
    Instant notAfter = now.plus(INBOX_KEY_VALIDITY);
    if (notAfter.isAfter(issuing.getNotAfter().toInstant())) {
      notAfter = issuing.getNotAfter().toInstant();
    }
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANISATION)
        .addRDN(BCStyle.OU, "request-inbox").addRDN(BCStyle.CN, "Matala request inbox").build();
    try {
      X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuing.getSubject(), serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(notAfter), subject,
          new SubjectPublicKeyInfo(X25519, x25519PublicKey));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement));
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, INBOX_KEY_URN_PREFIX + keyId)));
      return encoded(b.build(signer(issuingKey)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot certify the inbox key", e);
    }
  }

  /** Whether this CA's issuing key signed the certificate and it names the issuing CA as its issuer. */
  public boolean issued(X509CertificateHolder certificate) {
    try {
      return certificate.getIssuer().equals(issuing.getSubject())
          && certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuing));
    } catch (Exception e) {
      return false;
    }
  }

  private static X509CertificateHolder caCertificate(X500Name issuer, X500Name subject, PublicKey key, PrivateKey signingKey,
      Instant now, Duration validity, int pathLength) throws Exception {
    X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject,
        SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return b.build(signer(signingKey));
  }

  /** Names go into certificates that browsers show: no control or bidirectional-override characters. */
  static String printable(String name) {
    String cleaned = name.codePoints()
        .filter(c -> !Character.isISOControl(c) && !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069)
            && c != 0x200E && c != 0x200F)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    if (cleaned.isEmpty()) {
      return "?";
    }
    return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static ContentSigner signer(PrivateKey key) throws Exception {
    return new JcaContentSignerBuilder("Ed25519").build(key);
  }

  private static KeyPair newEd25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  private static byte[] encoded(X509CertificateHolder c) {
    try {
      return c.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(X509CertificateHolder c) {
    return PemFiles.pem(new PemObject("CERTIFICATE", encoded(c)));
  }

  private static X509CertificateHolder readCertificate(Path file) throws IOException {
    try (PEMParser p = new PEMParser(new StringReader(PemFiles.read(file)))) {
      return (X509CertificateHolder) p.readObject();
    }
  }

  private static PrivateKey readEd25519Key(Path file) throws Exception {
    try (PEMParser p = new PEMParser(new StringReader(PemFiles.read(file)))) {
      var info = (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) p.readObject();
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }
  }
}
