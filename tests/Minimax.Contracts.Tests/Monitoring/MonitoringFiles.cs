using System.Text.Json;
using YamlDotNet.Serialization;

namespace Minimax.Contracts.Tests.Monitoring;

/// <summary>The files under k8s/monitoring/, found from the test binaries' folder upwards.</summary>
public static class MonitoringFiles
{
    public static string Folder { get; } = Find();

    public static IEnumerable<string> Dashboards() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "dashboards"), "*.json").Order(StringComparer.Ordinal);

    public static JsonElement Json(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>A YAML file as nested dictionaries (string keys), lists and scalar strings.</summary>
    public static Dictionary<object, object> Yaml(string relativePath) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(Folder, relativePath)))
        ?? throw new InvalidDataException($"{relativePath} is empty.");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "k8s", "monitoring");
            if (File.Exists(Path.Combine(folder.FullName, "Platform.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No k8s/monitoring beside a Platform.sln above {AppContext.BaseDirectory}.");
    }
}
