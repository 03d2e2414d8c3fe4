using k8s.Models;

namespace Minimax.Deployment.Tests;

/// <summary>Every manifest, as written and as kustomize builds each overlay, is valid for the Kubernetes API's typed models.</summary>
public sealed class ManifestParsingTests
{
    public static TheoryData<string> Files() => new(Manifests.ResourceFiles().Select(file => Path.GetRelativePath(Manifests.Folder, file)));

    public static TheoryData<string> Overlays() => new(Manifests.Overlays);

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_parses_strictly_into_typed_resources(string file)
    {
        var resources = Manifests.Parse(File.ReadAllText(Path.Combine(Manifests.Folder, file)));

        Assert.NotEmpty(resources);
        Assert.All(resources, resource => Assert.IsNotType<object>(resource, exactMatch: true));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Each_overlay_builds_with_kustomize_into_the_silo_deployments_and_the_api(string overlay)
    {
        var resources = await Manifests.BuildAsync(overlay);

        var deployments = resources.OfType<V1Deployment>().Select(deployment => deployment.Metadata.Name).ToArray();
        Assert.Contains("minimax-control", deployments);
        Assert.Contains("minimax-worker", deployments);
        Assert.Contains(resources.OfType<V1Service>(), service => service.Metadata.Name == "minimax-api");
        Assert.All(resources.OfType<V1Deployment>(), deployment => Assert.Equal("minimax", deployment.Metadata.NamespaceProperty));
        Assert.Equal(2, resources.OfType<V1PodDisruptionBudget>().Count());
        Assert.Equal(2, resources.OfType<V1NetworkPolicy>().Count());
    }

    [Fact]
    public void A_misspelt_field_is_refused()
    {
        var yaml = File.ReadAllText(Path.Combine(Manifests.Folder, "base", "service.yaml")).Replace("targetPort:", "targetPrt:", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => Manifests.Parse(yaml));
    }
}
