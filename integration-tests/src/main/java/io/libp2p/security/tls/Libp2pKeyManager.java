package io.libp2p.security.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one {@link Libp2pCertificate} as both client and server certificate, whatever CA names the
 * remote asks for (there are none in libp2p); only the key type must fit the signature scheme asked for.
 */
public final class Libp2pKeyManager extends X509ExtendedKeyManager {
    public static final String ALIAS = "libp2p";

    private final Libp2pCertificate certificate;
    private final String keyAlgorithm;

    public Libp2pKeyManager(Libp2pCertificate certificate) {
        this.certificate = certificate;
        this.keyAlgorithm = certificate.certificate().getPublicKey().getAlgorithm();
    }

    public Libp2pCertificate getCertificate() {
        return certificate;
    }

    /** The JDK names Ed25519 keys "EdDSA" in key-type requests and "Ed25519" or "EdDSA" as key algorithm. */
    private boolean fits(String keyType) {
        if (keyType == null || keyType.equalsIgnoreCase(keyAlgorithm)) {
            return true;
        }
        return isEdDsa(keyType) && isEdDsa(keyAlgorithm);
    }

    private static boolean isEdDsa(String name) {
        return name.equalsIgnoreCase("EdDSA") || name.equalsIgnoreCase("Ed25519");
    }

    private String choose(String[] keyTypes) {
        if (keyTypes == null) {
            return ALIAS;
        }
        for (String k : keyTypes) {
            if (fits(k)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate.certificate()} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? certificate.privateKey() : null;
    }
}
