using k8s.Models;

namespace Minimax.Deployment.Tests;

/// <summary>What must hold in every built overlay: probes, resources, security, roles, GPUs only on workers, drain time.</summary>
public sealed class OverlayInvariantTests
{
    public static TheoryData<string> Overlays() => new(Manifests.Overlays);

    private static IEnumerable<(V1Deployment Deployment, V1Container Container)> Containers(IEnumerable<object> resources) =>
        resources.OfType<V1Deployment>().SelectMany(deployment => deployment.Spec.Template.Spec.Containers.Select(container => (deployment, container)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_has_startup_readiness_and_liveness_probes(string overlay)
    {
        var containers = Containers(await Manifests.BuildAsync(overlay)).ToArray();

        Assert.NotEmpty(containers);
        Assert.All(containers, item =>
        {
            Assert.NotNull(item.Container.StartupProbe);
            Assert.NotNull(item.Container.ReadinessProbe);
            Assert.NotNull(item.Container.LivenessProbe);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Silos_probe_the_grpc_health_service_readiness_by_default_and_liveness_by_name(string overlay)
    {
        var silos = SiloContainer.All(await Manifests.BuildAsync(overlay)).ToArray();

        Assert.All(silos, silo =>
        {
            var port = silo.Options.GrpcPort;
            Assert.Equal(port, silo.Container.StartupProbe.Grpc.Port);
            Assert.Equal(port, silo.Container.ReadinessProbe.Grpc.Port);
            Assert.True(string.IsNullOrEmpty(silo.Container.ReadinessProbe.Grpc.Service), silo.Name);
            Assert.Equal(port, silo.Container.LivenessProbe.Grpc.Port);
            Assert.Equal(Minimax.Silo.Hosting.SiloHealth.LivenessService, silo.Container.LivenessProbe.Grpc.Service);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_requests_cpu_and_memory_and_no_silo_has_a_cpu_limit(string overlay)
    {
        var containers = Containers(await Manifests.BuildAsync(overlay)).ToArray();

        Assert.All(containers, item =>
        {
            Assert.True(item.Container.Resources?.Requests?.ContainsKey("cpu") == true, $"{item.Container.Name} requests no cpu");
            Assert.True(item.Container.Resources?.Requests?.ContainsKey("memory") == true, $"{item.Container.Name} requests no memory");
        });
        Assert.All(containers.Where(item => SiloContainer.IsSilo(item.Container)), item =>
            Assert.False(item.Container.Resources.Limits?.ContainsKey("cpu") == true, $"{item.Deployment.Metadata.Name} limits cpu"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Containers_run_as_non_root_on_a_read_only_root_filesystem_without_privilege_escalation(string overlay)
    {
        var containers = Containers(await Manifests.BuildAsync(overlay)).ToArray();

        Assert.All(containers, item =>
        {
            var pod = item.Deployment.Spec.Template.Spec.SecurityContext;
            Assert.True(pod?.RunAsNonRoot == true || item.Container.SecurityContext?.RunAsNonRoot == true, $"{item.Container.Name} may run as root");
            Assert.True(item.Container.SecurityContext?.ReadOnlyRootFilesystem == true, $"{item.Container.Name} has a writable root filesystem");
            Assert.True(item.Container.SecurityContext?.AllowPrivilegeEscalation == false, $"{item.Container.Name} may escalate");
            Assert.Contains("ALL", item.Container.SecurityContext?.Capabilities?.Drop ?? []);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Gpus_are_asked_for_only_by_worker_silos_and_by_every_worker_of_the_gpu_overlay(string overlay)
    {
        var containers = Containers(await Manifests.BuildAsync(overlay)).ToArray();

        var withGpus = containers.Where(item => item.Container.Resources.Limits?.ContainsKey("nvidia.com/gpu") == true).ToArray();
        Assert.All(withGpus, item => Assert.Equal("worker", item.Deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/component"]));
        var workers = containers.Where(item => item.Deployment.Metadata.Name == "minimax-worker").ToArray();
        if (overlay == "gpu")
        {
            Assert.All(workers, item =>
            {
                Assert.Equal("1", item.Container.Resources.Limits["nvidia.com/gpu"].ToString());
                Assert.Contains(item.Deployment.Spec.Template.Spec.Tolerations, toleration => toleration.Key == "nvidia.com/gpu");
                Assert.NotEmpty(item.Deployment.Spec.Template.Spec.NodeSelector);
            });
        }
        else
        {
            Assert.Empty(withGpus);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_drain_period_is_above_the_silos_shutdown_timeout(string overlay)
    {
        var silos = SiloContainer.All(await Manifests.BuildAsync(overlay)).ToArray();

        Assert.NotEmpty(silos);
        Assert.All(silos, silo => Assert.True(
            silo.Deployment.Spec.Template.Spec.TerminationGracePeriodSeconds > silo.Options.ShutdownTimeout.TotalSeconds,
            $"{silo.Name}: terminationGracePeriodSeconds {silo.Deployment.Spec.Template.Spec.TerminationGracePeriodSeconds} is not above Silo:ShutdownTimeoutSeconds {silo.Options.ShutdownTimeout.TotalSeconds}"));
        // The drain (runs checkpoint and move) comes first within the shutdown timeout, and leaves Orleans time to leave.
        Assert.All(silos, silo => Assert.True(
            silo.Options.DrainTimeout > TimeSpan.Zero && silo.Options.DrainTimeout < silo.Options.ShutdownTimeout,
            $"{silo.Name}: Silo:DrainTimeoutSeconds {silo.Options.DrainTimeout.TotalSeconds} is not between 0 and Silo:ShutdownTimeoutSeconds {silo.Options.ShutdownTimeout.TotalSeconds}"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Silo_deployments_roll_out_without_taking_a_silo_away_first(string overlay)
    {
        var deployments = (await Manifests.BuildAsync(overlay)).OfType<V1Deployment>().Where(d => d.Metadata.Name.StartsWith("minimax-", StringComparison.Ordinal));

        Assert.All(deployments, deployment => Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value));
    }
}
