using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        Assert.Equal(AuthMode.Keys, authenticator.Mode);
        Assert.Equal("alpha", authenticator.Authenticate("Bearer secret"));
    }

    [Fact]
    public async Task Keys_on_loopback_default_to_keys_and_a_call_without_a_key_is_unauthenticated()
    {
        await using var app = SiloHost.Build([], new SiloOptions { AuthKeys = [AlphaKey] });

        var authenticator = (ApiKeyAuthenticator)app.Services.GetService(typeof(ApiKeyAuthenticator))!;
        Assert.Equal(AuthMode.Keys, authenticator.Mode);
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, Assert.Throws<Grpc.Core.RpcException>(() => authenticator.Authenticate(null)).StatusCode);
    }

    [Fact]
    public void Auth_mode_none_beside_keys_is_refused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { AuthMode = AuthMode.None, AuthKeys = [AlphaKey] }));

        Assert.StartsWith("Auth:Mode: ", error.Message);
    }

    [Fact]
    public void Auth_mode_none_with_the_silo_ports_off_loopback_is_refused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { ListenAddress = "0.0.0.0", AuthMode = AuthMode.None }));

        Assert.StartsWith("Auth:Mode: ", error.Message);
        Assert.Contains("Silo:ListenAddress is 0.0.0.0", error.Message);
    }

    [Fact]
    public void An_advertised_address_off_loopback_without_keys_is_refused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([], new SiloOptions { AdvertisedAddress = "10.1.2.3" }));

        Assert.StartsWith("Auth:Keys: ", error.Message);
    }

    [Theory]
    [InlineData("10.1.2.3", null, "10.1.2.3")]
    [InlineData("10.1.2.3", "0.0.0.0", "0.0.0.0")]
    [InlineData("127.0.0.2", null, "127.0.0.2")]
    public async Task The_silo_advertises_and_listens_where_configured(string advertised, string? listen, string listening)
    {
        await using var app = SiloHost.Build([], new SiloOptions { AdvertisedAddress = advertised, ListenAddress = listen, AuthKeys = [AlphaKey], SiloPort = 11200, GatewayPort = 30200 });

        var endpoints = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.EndpointOptions>>().Value;
        Assert.Equal(System.Net.IPAddress.Parse(advertised), endpoints.AdvertisedIPAddress);
        Assert.Equal($"{listening}:11200", endpoints.SiloListeningEndpoint!.ToString());
        Assert.Equal($"{listening}:30200", endpoints.GatewayListeningEndpoint!.ToString());
    }

    [Theory]
    [InlineData("example.org", null, "Silo:AdvertisedAddress (or POD_IP when it is unset): ")]
    [InlineData("0.0.0.0", null, "Silo:AdvertisedAddress: ")]
    [InlineData("::", null, "Silo:AdvertisedAddress: ")]
    [InlineData("127.0.0.1", "any", "Silo:ListenAddress: ")]
    public void A_silo_address_that_is_not_a_host_address_is_refused(string advertised, string? listen, string prefix)
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { AdvertisedAddress = advertised, ListenAddress = listen }));

        Assert.StartsWith(prefix, error.Message);
    }

    [Theory]
    [InlineData("abc", "Auth:Keys:0:Sha256: ")]
    [InlineData("zz0ebd47bb4a6d08e8b0b8a0f0a9b9d4c1ed1d5d2a2dc1bf9bb9bbb0a1c1e1zz", "Auth:Keys:0:Sha256: ")]
    public void A_malformed_key_hash_is_refused(string hash, string prefix)
    {
        var error = Assert.Throws<SiloConfigurationException>(() =>
            SiloHost.Build([], new SiloOptions { AuthMode = AuthMode.Keys, AuthKeys = [new TenantKey("alpha", hash)] }));

        Assert.StartsWith(prefix, error.Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("two")]
    public void Intra_op_threads_that_are_not_a_whole_number_are_refused(string threads)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workers:IntraOpThreads"] = threads })
            .Build();

        var error = Assert.Throws<SiloConfigurationException>(() => SiloOptions.FromConfiguration(configuration));

        Assert.StartsWith("Workers:IntraOpThreads: ", error.Message);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("", 0)]
    [InlineData("3", 3)]
    public void Intra_op_threads_are_read_with_zero_for_a_share_of_the_cores(string threads, int expected)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workers:IntraOpThreads"] = threads })
            .Build();

        Assert.Equal(expected, SiloOptions.FromConfiguration(configuration).IntraOpThreads);
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
                ["Auth:Mode"] = "keys",
                ["Silo:AdvertisedAddress"] = "10.1.2.3",
                ["Silo:ListenAddress"] = "0.0.0.0",
                ["POD_IP"] = "10.9.9.9",
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
        Assert.Equal(AuthMode.Keys, options.AuthMode);
        Assert.Equal("10.1.2.3", options.AdvertisedAddress);
        Assert.Equal("0.0.0.0", options.ListenAddress);
        Assert.Equal([AlphaKey], options.AuthKeys);
        Assert.Equal(["/data/a", "/data/b"], options.DataRoots);
        Assert.Equal(new RunLimits { MaxSpecBytes = 4096, MaxWorkers = 4, MaxConcurrentRunsPerTenant = 2, MaxOverrides = 7 }, options.Limits);
    }

    [Theory]
    [InlineData("apikey")]
    [InlineData("ApiKey")]
    [InlineData("KEYS")]
    public void Auth_mode_keys_is_also_read_under_its_old_name_apikey(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Mode"] = value }).Build();

        Assert.Equal(AuthMode.Keys, SiloOptions.FromConfiguration(configuration).AuthMode);
    }

    [Fact]
    public void Without_configuration_every_silo_endpoint_is_on_127_0_0_1_and_POD_IP_is_the_advertised_address_when_set()
    {
        var none = SiloOptions.FromConfiguration(new ConfigurationBuilder().Build());
        var pod = SiloOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["POD_IP"] = "10.9.9.9" }).Build());

        Assert.Equal(("127.0.0.1", null, "127.0.0.1"), (none.AdvertisedAddress, none.ListenAddress, none.GrpcAddress));
        Assert.Equal("10.9.9.9", pod.AdvertisedAddress);
        Assert.Null(pod.ListenAddress);
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

    [Theory]
    [InlineData("Jobs:Retention", "-1.00:00:00", "Jobs:Retention: ")]
    [InlineData("Jobs:Retention", "00:00:00", "Jobs:Retention: ")]
    [InlineData("Jobs:RetentionCheckPeriod", "00:00:00", "Jobs:RetentionCheckPeriod: ")]
    [InlineData("Jobs:Retention", "a week", "Jobs: ")]
    public void Bad_job_retention_settings_are_refused_naming_the_key(string key, string value, string prefix)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([$"--{key}={value}"], new SiloOptions()));

        Assert.StartsWith(prefix, error.Message);
    }

    [Theory]
    [InlineData("Telemetry:MetricsPort", "65536")]
    [InlineData("Telemetry:MetricsPort", "-1")]
    [InlineData("Telemetry:MetricsPort", "http")]
    [InlineData("Telemetry:MaxGroupsPerJob", "4097")]
    [InlineData("Telemetry:StepTraceEvery", "-1")]
    [InlineData("Telemetry:StepTraceEvery", "every")]
    public void Bad_telemetry_settings_are_refused_naming_the_key(string key, string value)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();

        var error = Assert.Throws<SiloConfigurationException>(() => SiloOptions.FromConfiguration(configuration));

        Assert.StartsWith($"{key}: '{value}' is not ", error.Message);
    }

    [Fact]
    public void A_configured_silo_scrapes_on_9464_and_one_built_in_code_exports_nothing()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        Assert.Equal(9464, SiloOptions.FromConfiguration(configuration).Telemetry.MetricsPort);
        Assert.Equal(64, SiloOptions.FromConfiguration(configuration).Telemetry.MaxGroupsPerJob);
        Assert.Equal(100, SiloOptions.FromConfiguration(configuration).Telemetry.StepTraceEvery);
        Assert.Equal(0, new SiloOptions().Telemetry.MetricsPort);
    }
}
