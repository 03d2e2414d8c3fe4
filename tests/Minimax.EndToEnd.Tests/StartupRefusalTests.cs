using Microsoft.Extensions.Configuration;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.EndToEnd.Tests;

/// <summary>Unsafe configurations stop SiloHost.Build with one message naming the key, before anything listens.</summary>
public sealed class StartupRefusalTests
{
    private static readonly TenantKey AlphaKey = new("alpha", ApiKeyAuthenticator.HashKey("secret"));

    [Fact]
    public void A_non_loopback_address_with_auth_mode_none_is_refused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { GrpcAddress = "0.0.0.0", AuthMode = AuthMode.None }));

        Assert.StartsWith("Auth:Mode: ", error.Message);
    }

    [Fact]
    public void A_non_loopback_address_without_keys_is_refused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([], new SiloOptions { GrpcAddress = "0.0.0.0" }));

        Assert.StartsWith("Auth:Keys: ", error.Message);
    }

    [Fact]
    public async Task A_non_loopback_address_with_keys_builds_and_defaults_to_api_keys()
    {
        await using var app = SiloHost.Build([], new SiloOptions { GrpcAddress = "0.0.0.0", AuthKeys = [AlphaKey] });

        var authenticator = (ApiKeyAuthenticator)app.Services.GetService(typeof(ApiKeyAuthenticator))!;
        Assert.Equal(AuthMode.ApiKey, authenticator.Mode);
        Assert.Equal("alpha", authenticator.Authenticate("Bearer secret"));
    }

    [Theory]
    [InlineData("abc", "Auth:Keys:0:Sha256: ")]
    [InlineData("zz0ebd47bb4a6d08e8b0b8a0f0a9b9d4c1ed1d5d2a2dc1bf9bb9bbb0a1c1e1zz", "Auth:Keys:0:Sha256: ")]
    public void A_malformed_key_hash_is_refused(string hash, string prefix)
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { AuthMode = AuthMode.ApiKey, AuthKeys = [new TenantKey("alpha", hash)] }));

        Assert.StartsWith(prefix, error.Message);
    }

    [Theory]
    [InlineData("example.org")]
    [InlineData("")]
    public void An_address_that_is_not_an_ip_is_refused(string address)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([], new SiloOptions { GrpcAddress = address }));

        Assert.StartsWith("Grpc:Address: ", error.Message);
    }

    [Fact]
    public void A_missing_data_root_is_refused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { DataRoots = [Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}")] }));

        Assert.StartsWith("Data:Roots:0: ", error.Message);
    }

    [Fact]
    public void Configuration_keys_are_read_from_the_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Grpc:Address"] = "0.0.0.0",
                ["Grpc:Tls:CertificatePath"] = "/certs/silo.pfx",
                ["Auth:Mode"] = "ApiKey",
                ["Auth:Keys:0:Tenant"] = "alpha",
                ["Auth:Keys:0:Sha256"] = AlphaKey.Sha256,
                ["Data:Roots:0"] = "/data/a",
                ["Data:Roots:1"] = "/data/b",
                ["Limits:MaxSpecBytes"] = "4096",
                ["Limits:MaxWorkers"] = "4",
                ["Limits:MaxConcurrentRunsPerTenant"] = "2",
                ["Limits:MaxOverrides"] = "7",
            })
            .Build();

        var options = SiloOptions.FromConfiguration(configuration);

        Assert.Equal("0.0.0.0", options.GrpcAddress);
        Assert.Equal("/certs/silo.pfx", options.TlsCertificatePath);
        Assert.Equal(AuthMode.ApiKey, options.AuthMode);
        Assert.Equal([AlphaKey], options.AuthKeys);
        Assert.Equal(["/data/a", "/data/b"], options.DataRoots);
        Assert.Equal(new RunLimits { MaxSpecBytes = 4096, MaxWorkers = 4, MaxConcurrentRunsPerTenant = 2, MaxOverrides = 7 }, options.Limits);
    }

    [Theory]
    [InlineData("Auth:Mode", "open")]
    [InlineData("Limits:MaxWorkers", "0")]
    [InlineData("Limits:MaxConcurrentRunsPerTenant", "-1")]
    [InlineData("Limits:MaxSpecBytes", "lots")]
    [InlineData("Limits:MaxOverrides", "0")]
    public void Bad_values_are_refused_naming_the_key(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();

        var error = Assert.Throws<SiloConfigurationException>(() => SiloOptions.FromConfiguration(configuration));

        Assert.StartsWith($"{key}: ", error.Message);
    }
}
