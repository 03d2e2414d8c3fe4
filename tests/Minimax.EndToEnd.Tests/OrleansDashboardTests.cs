using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Minimax.Silo;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>The Orleans Dashboard (Dashboard:*) of a real silo, read over HTTP/1.1 on loopback.</summary>
public sealed class OrleansDashboardTests
{
    private const string OperatorKey = "dashboard-operator-key-0123456789";
    private const string TenantKey = "dashboard-tenant-key-0123456789";

    [Fact]
    public async Task It_is_off_by_default_and_then_nothing_listens_on_its_port()
    {
        var port = SiloProcess.FreePort();
        var configured = SiloOptions.FromConfiguration(new ConfigurationBuilder().Build());
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthMode = AuthMode.None,
            Dashboard = new OrleansDashboardOptions { Port = port },
        }, CancellationToken.None);
        using var http = new HttpClient();

        Assert.False(configured.Dashboard.Enabled);
        Assert.Equal(OrleansDashboardOptions.DefaultPort, configured.Dashboard.Port);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task Enabled_it_serves_its_page_assets_and_cluster_counters_under_its_path_on_its_own_port()
    {
        var port = SiloProcess.FreePort();
        var metricsPort = SiloProcess.FreePort();
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthMode = AuthMode.None,
            Telemetry = new TelemetryOptions { MetricsPort = metricsPort },
            Dashboard = new OrleansDashboardOptions { Enabled = true, Port = port, Path = "/orleans" },
        }, CancellationToken.None);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var bare = await http.GetAsync($"http://127.0.0.1:{port}/orleans");
        using var page = await http.GetAsync($"http://127.0.0.1:{port}/orleans/");
        using var script = await http.GetAsync($"http://127.0.0.1:{port}/orleans/index.min.js");
        using var counters = await http.GetAsync($"http://127.0.0.1:{port}/orleans/DashboardCounters");
        using var onMetricsPort = await http.GetAsync($"http://127.0.0.1:{metricsPort}/orleans/");

        // Without the trailing slash the page's relative asset paths would not resolve: it redirects.
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("totalActiveHostCount", await counters.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, onMetricsPort.StatusCode);
    }

    [Fact]
    public async Task With_keys_it_refuses_a_request_without_a_key_and_a_key_of_a_tenant_not_listed()
    {
        var port = SiloProcess.FreePort();
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthKeys = [new TenantKey("ops", ApiKeyAuthenticator.HashKey(OperatorKey)), new TenantKey("vision", ApiKeyAuthenticator.HashKey(TenantKey))],
            Dashboard = new OrleansDashboardOptions { Enabled = true, Port = port, Tenants = ["ops"] },
        }, CancellationToken.None);
        using var http = new HttpClient();

        using var anonymousPage = await http.GetAsync($"http://127.0.0.1:{port}/");
        using var anonymousScript = await http.GetAsync($"http://127.0.0.1:{port}/index.min.js");
        using var anonymousApi = await http.GetAsync($"http://127.0.0.1:{port}/ClusterStats");
        using var otherTenant = await GetAsync(http, $"http://127.0.0.1:{port}/", TenantKey);
        using var wrongKey = await GetAsync(http, $"http://127.0.0.1:{port}/", "not-a-key");
        using var operatorPage = await GetAsync(http, $"http://127.0.0.1:{port}/", OperatorKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPage.StatusCode);
        Assert.Equal("Bearer", anonymousPage.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousScript.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousApi.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, operatorPage.StatusCode);
        Assert.Contains("index.min.js", await operatorPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_grpc_certificate_it_is_served_over_https()
    {
        var folder = Directory.CreateTempSubdirectory("minimax-dashboard-tls-").FullName;
        var (path, thumbprint) = TlsTests.WriteSelfSignedCertificate(folder);
        var port = SiloProcess.FreePort();
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            TlsCertificatePath = path,
            TlsCertificatePassword = TlsTests.Password,
            AuthKeys = [new TenantKey("ops", ApiKeyAuthenticator.HashKey(OperatorKey))],
            Dashboard = new OrleansDashboardOptions { Enabled = true, Port = port, Tenants = ["ops"] },
        }, CancellationToken.None);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
        using var http = new HttpClient(handler);

        using var page = await GetAsync(http, $"https://127.0.0.1:{port}/", OperatorKey);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Its_settings_are_checked_before_the_silo_starts()
    {
        var badPort = Assert.Throws<SiloConfigurationException>(() => SiloOptions.FromConfiguration(Configuration(("Dashboard:Port", "80000"))));
        var badPath = Assert.Throws<SiloConfigurationException>(() => SiloOptions.FromConfiguration(Configuration(("Dashboard:Path", "orleans/"))));
        var badSwitch = Assert.Throws<SiloConfigurationException>(() => SiloOptions.FromConfiguration(Configuration(("Dashboard:Enabled", "yes"))));
        var noOperators = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([], new SiloOptions
        {
            AuthKeys = [new TenantKey("ops", ApiKeyAuthenticator.HashKey(OperatorKey))],
            Dashboard = new OrleansDashboardOptions { Enabled = true, Port = SiloProcess.FreePort() },
        }));
        var sharedPort = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([], new SiloOptions
        {
            AuthMode = AuthMode.None,
            Telemetry = new TelemetryOptions { MetricsPort = 9464 },
            Dashboard = new OrleansDashboardOptions { Enabled = true, Port = 9464 },
        }));
        var enabled = SiloOptions.FromConfiguration(Configuration(("Dashboard:Enabled", "true"), ("Dashboard:Port", "8090"), ("Dashboard:Path", "/orleans"), ("Dashboard:Tenants:0", "ops")));

        Assert.StartsWith("Dashboard:Port: '80000'", badPort.Message);
        Assert.StartsWith("Dashboard:Path: 'orleans/'", badPath.Message);
        Assert.StartsWith("Dashboard:Enabled: 'yes'", badSwitch.Message);
        Assert.StartsWith("Dashboard:Tenants: required when Auth:Mode is keys", noOperators.Message);
        Assert.StartsWith("Dashboard:Port: 9464 is not a port of its own", sharedPort.Message);
        Assert.Equal(new OrleansDashboardOptions { Enabled = true, Port = 8090, Path = "/orleans", Tenants = enabled.Dashboard.Tenants }, enabled.Dashboard);
        Assert.Equal(["ops"], enabled.Dashboard.Tenants);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string url, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
