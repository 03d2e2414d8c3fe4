using k8s;
using Minimax.Testing;

namespace Minimax.Deployment.Tests;

/// <summary>The files under k8s/ and the overlays kustomize builds from them, read into KubernetesClient's typed models.</summary>
public static class Manifests
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "k8s");

    public static readonly string[] Overlays = ["local", "gpu"];

    private static readonly Dictionary<string, Type> CustomResources = new() { [KedaScaledObject.ApiVersionAndKind] = typeof(KedaScaledObject) };

    /// <summary>Every resource file of the base and the overlays (kustomization.yaml files are kustomize's, not the API's).</summary>
    public static IEnumerable<string> ResourceFiles() =>
        new[] { Path.Combine(Folder, "base") }.Concat(Overlays.Select(overlay => Path.Combine(Folder, "overlays", overlay)))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.yaml"))
            .Where(file => Path.GetFileName(file) != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

    /// <summary>Strict: a field the API (or the custom resource's model) does not have is an error, so a typo cannot pass.</summary>
    public static List<object> Parse(string yaml) => KubernetesYaml.LoadAllFromString(yaml, CustomResources, strict: true);

    /// <summary>The overlay as kustomize builds it: what <c>kubectl apply -k</c> would send.</summary>
    public static async Task<List<object>> BuildAsync(string overlay) =>
        Parse(await Kustomize.BuildAsync(Path.Combine(Folder, "overlays", overlay)));
}
