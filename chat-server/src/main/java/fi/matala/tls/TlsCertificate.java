package fi.matala.tls;

import fi.matala.config.MatalaConfig;
import fi.matala.keys.PemFiles;
import io.vertx.core.net.PemKeyCertOptions;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS identity: the configured certificate and key, or else a self-signed certificate made
 * on first start with BouncyCastle and kept in the data directory so browsers see the same one
 * across restarts.
 */
public final class TlsCertificate {
  private static final Logger LOG = LoggerFactory.getLogger(TlsCertificate.class);
  static final String CERT_FILE = "tls-cert.pem";
  static final String KEY_FILE = "tls-key.pem";

  private TlsCertificate() {}

  public static PemKeyCertOptions options(MatalaConfig config) {
    if (config.tlsCertFile().isPresent()) {
      return new PemKeyCertOptions()
          .setCertPath(config.tlsCertFile().get().toString())
          .setKeyPath(config.tlsKeyFile().orElseThrow().toString());
    }
    Path cert = config.dataDir().resolve(CERT_FILE);
    Path key = config.dataDir().resolve(KEY_FILE);
    if (!Files.exists(cert) || !Files.exists(key)) {
      generateSelfSigned(cert, key);
    }
    return new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
  }

  /** The private key the server made and keeps in its data directory, unless the operator configured one. */
  public static Optional<Path> ownKeyFile(MatalaConfig config) {
    return config.tlsKeyFile().isPresent() ? Optional.empty()
        : Optional.of(config.dataDir().resolve(KEY_FILE));
  }

  static void generateSelfSigned(Path certFile, Path keyFile) {
    try {
      KeyPair pair = PemFiles.newP256KeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=localhost, O=Matala (self-signed)");
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          name, new BigInteger(128, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(825))), name, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      PemFiles.writeSecret(keyFile, PemFiles.privateKeyPem(pair.getPrivate()));
      PemFiles.writeSecret(certFile, PemFiles.pem(cert));
      LOG.info("Generated a self-signed TLS certificate in {} (configure MATALA_TLS_CERT_FILE for a real one)", certFile);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the self-signed TLS certificate", e);
    }
  }
}
