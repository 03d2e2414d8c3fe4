using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>k8s/monitoring/prometheus.yml as Prometheus' own checker (promtool, from the same package the dashboard test runs) reads it.</summary>
public sealed class PrometheusConfigurationTests
{
    private const string KubernetesJob = "kubernetes-pods";

    [Fact]
    public async Task The_scrape_configuration_passes_promtool_and_only_kubernetes_discovery_needs_the_upstream_build()
    {
        var promtool = await PrometheusInstallation.FindAsync("promtool");
        var original = Path.Combine(RepositoryRoot.Path, "k8s", "monitoring", "prometheus.yml");
        var folder = Directory.CreateTempSubdirectory("minimax-promtool-").FullName;
        try
        {
            // Debian's prometheus 2.42 is built without Kubernetes service discovery (README "Use it locally").
            var withoutKubernetes = Path.Combine(folder, "prometheus.yml");
            await File.WriteAllLinesAsync(withoutKubernetes, WithoutJob(await File.ReadAllLinesAsync(original), KubernetesJob));

            var reduced = await ExternalCommand.RunAsync(promtool, ["check", "config", withoutKubernetes], folder, CancellationToken.None);
            var full = await ExternalCommand.RunAsync(promtool, ["check", "config", original], folder, CancellationToken.None);

            Assert.True(reduced.ExitCode == 0, reduced.Output);
            Assert.Contains("SUCCESS", reduced.Output);
            Assert.True(full.ExitCode == 0 || full.Output.Contains("kubernetes_sd_configs", StringComparison.Ordinal), full.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The lines of a prometheus.yml without the scrape job <paramref name="jobName"/> (from its job_name line to the next job).</summary>
    private static IEnumerable<string> WithoutJob(IEnumerable<string> lines, string jobName)
    {
        var skipping = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("- job_name:", StringComparison.Ordinal))
            {
                skipping = line.Contains(jobName, StringComparison.Ordinal);
            }
            if (!skipping)
            {
                yield return line;
            }
        }
    }
}
