using Minimax.Silo;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo.Hosting;

namespace Minimax.EndToEnd.Tests;

public sealed class TlsTests : IDisposable
{
    internal const string Password = "test-password";

    private readonly string _folder = Directory.CreateTempSubdirectory("minimax-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_silo_with_a_certificate_serves_grpc_over_https()
    {
        var (path, thumbprint) = WriteSelfSignedCertificate(_folder);
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            TlsCertificatePath = path,
            TlsCertificatePassword = Password,
            DataRoots = [_folder],
        }, CancellationToken.None);
        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate made above, nothing else.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        };
        using var channel = GrpcChannel.ForAddress(silo.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false });

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        var list = await new Runs.RunsClient(channel).ListRunsAsync(new ListRunsRequest());
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Runs.RunsClient(channel).GetRunAsync(new GetRunRequest { RunId = "run-none" }));

        Assert.Equal("https", silo.Address.Scheme);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Empty(list.Runs);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_cannot_call()
    {
        var (path, _) = WriteSelfSignedCertificate(_folder);
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            TlsCertificatePath = path,
            TlsCertificatePassword = Password,
            DataRoots = [_folder],
        }, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(silo.Address);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30)));

        // grpc-dotnet reports the failed handshake as Internal ("The SSL connection could not be established").
        Assert.Contains(error.StatusCode, new[] { StatusCode.Internal, StatusCode.Unavailable });
        Assert.Contains("SSL", error.Status.Detail);
    }

    [Fact]
    public void A_wrong_certificate_password_refuses_to_start_naming_the_key()
    {
        var (path, _) = WriteSelfSignedCertificate(_folder);

        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { TlsCertificatePath = path, TlsCertificatePassword = "not-the-password-42", DataRoots = [_folder] }));

        Assert.StartsWith("Grpc:Tls:CertificatePath: ", error.Message);
        Assert.DoesNotContain("not-the-password-42", error.Message);
    }

    /// <summary>A self-signed loopback server certificate as a .pfx (password <see cref="Password"/>) in <paramref name="folder"/>.</summary>
    internal static (string Path, string Thumbprint) WriteSelfSignedCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var path = Path.Combine(folder, $"silo-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return (path, certificate.Thumbprint);
    }
}
