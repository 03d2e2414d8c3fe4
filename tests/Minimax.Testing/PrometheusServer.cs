using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Minimax.Testing;

/// <summary>A scrape job of <see cref="PrometheusServer"/>: one target (host:port) at /metrics, with an optional bearer key.</summary>
public sealed record ScrapeTarget(string JobName, string Address, string? BearerKey = null);

/// <summary>
/// A real Prometheus (see <see cref="PrometheusInstallation"/>) as a child process on a free loopback port, with
/// a generated configuration that scrapes the given targets every second and keeps their own <c>job</c> labels
/// (honor_labels, as k8s/monitoring/prometheus.yml does), and a temporary TSDB folder. Killed on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly CappedOutput _output = new();
    private readonly string _folder;
    private readonly Process _process;
    private readonly HttpClient _http;

    private PrometheusServer(string folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<ScrapeTarget> targets, CancellationToken cancellationToken = default)
    {
        var binary = await PrometheusInstallation.FindAsync("prometheus", cancellationToken);
        var folder = Directory.CreateTempSubdirectory("minimax-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, Configuration(targets), cancellationToken);
        var port = SiloProcess.FreePort();
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = start };
        var server = new PrometheusServer(folder, process, port);
        process.OutputDataReceived += (_, line) => server._output.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server._output.Append(line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {binary}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The prometheus.yml this server runs with: global 1 s scrapes, one job per target.</summary>
    public static string Configuration(IReadOnlyList<ScrapeTarget> targets)
    {
        var yaml = new StringBuilder("""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:

            """);
        foreach (var target in targets)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - job_name: {Quoted(target.JobName)}
                    honor_labels: true
                    metrics_path: /metrics
                    static_configs:
                      - targets: [{Quoted(target.Address)}]

                """);
            if (target.BearerKey is not null)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"""
                        authorization:
                          type: Bearer
                          credentials: {Quoted(target.BearerKey)}

                    """);
            }
        }
        return yaml.ToString();
    }

    /// <summary>An instant query at the current time (GET /api/v1/query): the <c>data.result</c> array, or an error naming the query.</summary>
    public async Task<JsonElement> QueryAsync(string promQl, CancellationToken cancellationToken = default) =>
        (await GetDataAsync($"api/v1/query?query={Uri.EscapeDataString(promQl)}", cancellationToken)).GetProperty("result");

    /// <summary>The values of <paramref name="label"/> on the series of <paramref name="metric"/> (what Grafana's label_values(metric, label) asks).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string metric, CancellationToken cancellationToken = default) =>
        (await GetDataAsync($"api/v1/label/{Uri.EscapeDataString(label)}/values?match[]={Uri.EscapeDataString(metric)}", cancellationToken))
            .EnumerateArray().Select(value => value.GetString() ?? "").ToList();

    /// <summary>Every scrape target's job, health (up, down, unknown) and last error.</summary>
    public async Task<IReadOnlyList<(string Job, string Health, string LastError)>> TargetsAsync(CancellationToken cancellationToken = default) =>
        (await GetDataAsync("api/v1/targets?state=active", cancellationToken)).GetProperty("activeTargets").EnumerateArray()
            .Select(target => (
                target.GetProperty("scrapePool").GetString() ?? "",
                target.GetProperty("health").GetString() ?? "",
                target.GetProperty("lastError").GetString() ?? ""))
            .ToList();

    /// <summary>What Prometheus printed (capped), for failure messages.</summary>
    public string Output() => _output.ToString();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        using (_process)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
                await _process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Never started.
            }
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task<JsonElement> GetDataAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode || body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus answered {(int)response.StatusCode} to {Uri.UnescapeDataString(path)}: {body}");
        }
        return body.GetProperty("data").Clone();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode} before it was ready: {Output()}");
            }
            try
            {
                using var response = await _http.GetAsync("-/ready", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"Prometheus at {Address} was not ready within {ReadyTimeout}: {Output()}");
            }
            // Polling interval between readiness probes, not a wait for a guessed duration.
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
