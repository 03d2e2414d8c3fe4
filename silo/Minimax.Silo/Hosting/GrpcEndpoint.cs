using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Minimax.Silo.Hosting;

/// <summary>Where and how the gRPC endpoint listens (Grpc:Address, Grpc:Port, Grpc:Tls:*), checked before start.</summary>
public static class GrpcEndpoint
{
    public static IPAddress ListenAddress(SiloOptions options) => AddressSetting.Parse(options.GrpcAddress, "Grpc:Address");

    /// <summary>The TLS server certificate, or null when Grpc:Tls:CertificatePath is not set.</summary>
    public static X509Certificate2? Certificate(SiloOptions options)
    {
        if (options.TlsCertificatePath is not { } path)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new SiloConfigurationException($"Grpc:Tls:CertificatePath: no file '{path}'");
        }
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.TlsCertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new SiloConfigurationException($"Grpc:Tls:CertificatePath: '{path}' holds no private key");
        }
        catch (CryptographicException e)
        {
            throw new SiloConfigurationException(
                $"Grpc:Tls:CertificatePath: cannot read '{path}' as PKCS#12 (.pfx) with Grpc:Tls:CertificatePassword: {e.Message}");
        }
    }
}
