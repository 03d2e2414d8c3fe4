using k8s.Models;

namespace Minimax.Deployment.Tests;

/// <summary>k8s/docker/Dockerfile: multi-stage, built with the TorchSharp backend switch, non-root as the manifests run it, the silo's ports.</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Manifests.Folder, "docker", "Dockerfile"))
        .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToArray();

    private static IEnumerable<string> Instructions(string name) =>
        Lines.Where(line => line.StartsWith(name + " ", StringComparison.Ordinal)).Select(line => line[(name.Length + 1)..].Trim());

    [Fact]
    public void The_image_is_built_in_one_stage_and_run_from_another_without_the_sdk()
    {
        var stages = Instructions("FROM").ToArray();

        Assert.True(stages.Length >= 2, "one build stage and one run stage");
        Assert.Contains("/dotnet/sdk:", stages[0], StringComparison.Ordinal);
        Assert.Contains("/dotnet/aspnet:", stages[^1], StringComparison.Ordinal);
        Assert.Contains(Lines, line => line.Contains("dotnet publish", StringComparison.Ordinal) && line.Contains("-p:TorchSharpBackend=${TORCHSHARP_BACKEND}", StringComparison.Ordinal));
        Assert.Contains("TORCHSHARP_BACKEND=TorchSharp-cpu", Instructions("ARG"));
        Assert.Equal("[\"dotnet\", \"Minimax.Silo.dll\"]", Instructions("ENTRYPOINT").Single());
    }

    [Fact]
    public async Task It_runs_as_the_non_root_user_the_manifests_run_it_as()
    {
        var user = Instructions("USER").Last();
        var pods = (await Manifests.BuildAsync("local")).OfType<V1Deployment>()
            .Where(deployment => deployment.Spec.Template.Spec.Containers.Any(SiloContainer.IsSilo));

        Assert.Equal("10001:10001", user);
        Assert.All(pods, deployment => Assert.Equal(10001, deployment.Spec.Template.Spec.SecurityContext.RunAsUser));
    }

    [Fact]
    public async Task It_exposes_the_ports_the_silo_listens_on()
    {
        var exposed = Instructions("EXPOSE").SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).Order();
        var silo = SiloContainer.All(await Manifests.BuildAsync("local")).First();

        Assert.Equal(new[] { silo.Options.GrpcPort, silo.Options.SiloPort, silo.Options.GatewayPort, silo.Options.Telemetry.MetricsPort }.Order(), exposed);
    }
}
