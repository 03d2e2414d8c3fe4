using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using k8s.Models;
using Minimax.Grains.Telemetry;

namespace Minimax.Deployment.Tests;

/// <summary>What the pieces of a built overlay refer to exists: settings the silo reads, its ports, selectors, Secrets, volumes, metrics.</summary>
public sealed partial class OverlayWiringTests
{
    /// <summary>The Secrets an operator creates by hand for the GPU overlay (docs/kubernetes.md says how); the local overlay generates its own.</summary>
    private static readonly string[] OperatorSecrets = ["minimax-storage", "minimax-api-keys"];

    public static TheoryData<string> Overlays() => new(Manifests.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_variable_a_silo_container_sets_is_one_the_silo_reads(string overlay)
    {
        var silos = SiloContainer.All(await Manifests.BuildAsync(overlay)).ToArray();

        Assert.NotEmpty(silos);
        Assert.Empty(silos.SelectMany(silo => silo.UnreadVariables().Select(name => $"{silo.Name}: {name}")));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_port_a_silo_container_opens_is_one_the_silo_listens_on(string overlay)
    {
        var silos = SiloContainer.All(await Manifests.BuildAsync(overlay)).ToArray();

        Assert.All(silos, silo =>
        {
            var listens = new[] { silo.Options.GrpcPort, silo.Options.SiloPort, silo.Options.GatewayPort, silo.Options.Telemetry.MetricsPort };
            Assert.Equal(listens.Order(), silo.Container.Ports.Select(port => port.ContainerPort).Order());
            Assert.Equal(silo.Options.Telemetry.MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                silo.Deployment.Spec.Template.Metadata.Annotations["prometheus.io/port"]);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Control_and_worker_silos_say_their_role_and_only_control_silos_serve_the_api(string overlay)
    {
        var resources = await Manifests.BuildAsync(overlay);
        var silos = SiloContainer.All(resources).ToArray();

        Assert.All(silos, silo => Assert.Equal(
            silo.Deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/component"], silo.Environment["Silo__Role"]));
        var api = resources.OfType<V1Service>().Single(service => service.Metadata.Name == "minimax-api");
        var served = resources.OfType<V1Deployment>().Where(deployment => Matches(api.Spec.Selector, deployment.Spec.Template.Metadata.Labels));
        Assert.Equal(["minimax-control"], served.Select(deployment => deployment.Metadata.Name));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_selector_matches_the_pods_it_is_meant_for(string overlay)
    {
        var resources = await Manifests.BuildAsync(overlay);
        var pods = resources.OfType<V1Deployment>().Select(deployment => deployment.Spec.Template.Metadata.Labels).ToArray();

        Assert.All(resources.OfType<V1Deployment>(), deployment =>
            Assert.True(Matches(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels), deployment.Metadata.Name));
        Assert.All(resources.OfType<V1Service>(), service => Assert.Contains(pods, labels => Matches(service.Spec.Selector, labels)));
        Assert.All(resources.OfType<V1PodDisruptionBudget>(), budget => Assert.Single(pods, labels => Matches(budget.Spec.Selector.MatchLabels, labels)));
        Assert.All(resources.OfType<V1NetworkPolicy>(), policy => Assert.Contains(pods, labels => Matches(policy.Spec.PodSelector.MatchLabels, labels)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_secret_config_map_and_volume_claim_a_pod_uses_exists_or_is_one_the_operator_creates(string overlay)
    {
        var resources = await Manifests.BuildAsync(overlay);
        var secrets = resources.OfType<V1Secret>().Select(secret => secret.Metadata.Name).ToHashSet();
        var maps = resources.OfType<V1ConfigMap>().Select(map => map.Metadata.Name).ToHashSet();
        var claims = resources.OfType<V1PersistentVolumeClaim>().Select(claim => claim.Metadata.Name).ToHashSet();
        var external = overlay == "gpu" ? OperatorSecrets : [];

        foreach (var pod in resources.OfType<V1Deployment>().Select(deployment => deployment.Spec.Template.Spec))
        {
            foreach (var container in pod.Containers)
            {
                var usedSecrets = (container.EnvFrom ?? []).Select(source => source.SecretRef?.Name)
                    .Concat((container.Env ?? []).Select(variable => variable.ValueFrom?.SecretKeyRef?.Name)).OfType<string>();
                Assert.All(usedSecrets, name => Assert.True(secrets.Contains(name) || external.Contains(name), $"secret {name} is neither built nor created by the operator"));
                Assert.All((container.EnvFrom ?? []).Select(source => source.ConfigMapRef?.Name).OfType<string>(), name => Assert.Contains(name, maps));
            }
            Assert.All((pod.Volumes ?? []).Select(volume => volume.PersistentVolumeClaim?.ClaimName).OfType<string>(), name => Assert.Contains(name, claims));
        }
        var guide = File.ReadAllText(Path.Combine(Minimax.Testing.RepositoryRoot.Path, "docs", "kubernetes.md"));
        Assert.All(external, name => Assert.Contains($"kubectl -n minimax create secret generic {name}", guide));
    }

    [Fact]
    public async Task The_gpu_workers_scale_on_a_query_over_metrics_the_silo_creates()
    {
        var resources = await Manifests.BuildAsync("gpu");
        var scaler = Assert.Single(resources.OfType<KedaScaledObject>());

        Assert.Contains(resources.OfType<V1Deployment>(), deployment => deployment.Metadata.Name == scaler.Spec.ScaleTargetRef.Name);
        Assert.Equal("minimax-worker", scaler.Spec.ScaleTargetRef.Name);
        var trigger = Assert.Single(scaler.Spec.Triggers);
        Assert.Equal("prometheus", trigger.Type);
        var named = MetricName().Matches(trigger.Metadata["query"]).Select(match => match.Value).Distinct().ToArray();
        Assert.Equal(["minimax_jobs_pending", "minimax_jobs_active"], named);
        var instruments = MinimaxInstruments();
        Assert.All(named, name => Assert.Contains(name.Replace('_', '.'), instruments));
        Assert.True(double.Parse(trigger.Metadata["threshold"], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>The instruments the "Minimax" meter has (a listener sees each one as it is published).</summary>
    private static HashSet<string> MinimaxInstruments()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MinimaxMetrics.MeterName)
                {
                    lock (names)
                    {
                        names.Add(instrument.Name);
                    }
                }
            },
        };
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(MinimaxMetrics).TypeHandle);
        listener.Start();
        return names;
    }

    [GeneratedRegex("minimax_[a-z_]+")]
    private static partial Regex MetricName();
}
