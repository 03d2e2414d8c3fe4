using System.Text;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Minimax.Silo.Hosting;

namespace Minimax.Deployment.Tests;

/// <summary>
/// A silo container of a built overlay with its environment resolved as the kubelet would (ConfigMaps and Secrets of
/// the same build, literal values; downward-API values by placeholder) and read by the silo's own configuration code.
/// </summary>
public sealed class SiloContainer
{
    /// <summary>Read by the OpenTelemetry SDK itself (the OTEL_* environment variables of its specification), not through the silo's configuration.</summary>
    public static readonly string[] OpenTelemetryVariables = ["OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_EXPORTER_OTLP_ENDPOINT"];

    private SiloContainer(V1Deployment deployment, V1Container container, Dictionary<string, string> environment)
    {
        Deployment = deployment;
        Container = container;
        Environment = environment;
        var reads = new ConfigurationReads(new ConfigurationBuilder().AddInMemoryCollection(
            environment.Select(variable => KeyValuePair.Create(variable.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)variable.Value))).Build());
        Options = SiloOptions.FromConfiguration(reads);
        SiloSections.Bind(new ServiceCollection(), reads);
        SiloSections.JobSettings(reads);
        Reads = reads;
    }

    public V1Deployment Deployment { get; }

    public V1Container Container { get; }

    /// <summary>Every variable the container gets, by name.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public SiloOptions Options { get; }

    public ConfigurationReads Reads { get; }

    public string Name => $"{Deployment.Metadata.Name}/{Container.Name}";

    /// <summary>The variables neither the silo's configuration nor the OpenTelemetry SDK reads, and no other variable refers to as $(NAME).</summary>
    public IEnumerable<string> UnreadVariables() => Environment.Keys.Where(name =>
        !Reads.WasRead(name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal))
        && !OpenTelemetryVariables.Contains(name)
        && !Environment.Values.Any(value => value.Contains($"$({name})", StringComparison.Ordinal)));

    /// <summary>The silo containers (image minimax/silo*) of <paramref name="resources"/>.</summary>
    public static IEnumerable<SiloContainer> All(IReadOnlyList<object> resources)
    {
        var configMaps = resources.OfType<V1ConfigMap>().ToDictionary(map => map.Metadata.Name, map => new Dictionary<string, string>(map.Data ?? new Dictionary<string, string>()));
        var secrets = resources.OfType<V1Secret>().ToDictionary(
            secret => secret.Metadata.Name,
            secret => (secret.Data ?? new Dictionary<string, byte[]>()).ToDictionary(item => item.Key, item => Encoding.UTF8.GetString(item.Value)));
        foreach (var deployment in resources.OfType<V1Deployment>())
        {
            foreach (var container in deployment.Spec.Template.Spec.Containers.Where(IsSilo))
            {
                yield return new SiloContainer(deployment, container, Resolve(container, configMaps, secrets));
            }
        }
    }

    public static bool IsSilo(V1Container container) => container.Image.Contains("minimax/silo", StringComparison.Ordinal);

    private static Dictionary<string, string> Resolve(
        V1Container container, Dictionary<string, Dictionary<string, string>> configMaps, Dictionary<string, Dictionary<string, string>> secrets)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var values = source.ConfigMapRef is { } map
                ? (IEnumerable<KeyValuePair<string, string>>?)configMaps.GetValueOrDefault(map.Name)
                : secrets.GetValueOrDefault(source.SecretRef.Name);
            foreach (var (name, value) in values ?? [])
            {
                environment[name] = value;
            }
        }
        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.Value ?? variable.ValueFrom switch
            {
                { FieldRef: { } field } => field.FieldPath == "status.podIP" ? "10.244.0.17" : $"placeholder-{field.FieldPath}",
                { SecretKeyRef: { } key } => secrets.GetValueOrDefault(key.Name)?.GetValueOrDefault(key.Key) ?? $"secret {key.Name}/{key.Key}",
                { ConfigMapKeyRef: { } key } => configMaps.GetValueOrDefault(key.Name)?.GetValueOrDefault(key.Key) ?? "",
                _ => "",
            };
        }
        return environment;
    }
}
