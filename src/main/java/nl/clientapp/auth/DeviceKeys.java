package nl.clientapp.auth;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import nl.clientapp.common.problem.ProblemException;

/** P-256 device keys: parsing the key a device registers, and checking its ECDSA signatures. */
final class DeviceKeys {

    private static final ECParameterSpec P256 = p256();

    private DeviceKeys() {
    }

    /**
     * Parses a base64 SubjectPublicKeyInfo and returns its DER encoding.
     *
     * @throws ProblemException 400 when it is not a valid P-256 public key
     */
    static byte[] parseP256(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof ECPublicKey ecKey) || !isP256(ecKey.getParams()) || !isOnCurve(ecKey.getW())) {
                throw invalidKey();
            }
            return der;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw invalidKey();
        }
    }

    /** Checks a DER-encoded SHA256withECDSA signature over {@code data}; false for any malformed input. */
    static boolean verify(byte[] publicKeyDer, byte[] data, String signatureBase64) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKeyDer));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder());
    }

    /** Checks y² = x³ + ax + b (mod p), so a point from another curve is rejected. */
    private static boolean isOnCurve(ECPoint point) {
        if (ECPoint.POINT_INFINITY.equals(point)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    private static ProblemException invalidKey() {
        return ProblemException.badRequest("invalid-device-key");
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM does not support the P-256 curve", e);
        }
    }
}
