using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Minimax.Deployment.Tests;

/// <summary>
/// KEDA's ScaledObject (keda.sh/v1alpha1), the fields the worker autoscaling uses: KubernetesClient has models for the
/// core API only, so this custom resource gets its own, read strictly like the rest (an unknown field fails).
/// </summary>
public sealed class KedaScaledObject : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionAndKind = "keda.sh/v1alpha1/ScaledObject";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public ScaledObjectSpec Spec { get; set; } = new();

    public sealed class ScaledObjectSpec
    {
        [JsonPropertyName("scaleTargetRef")] public ScaleTarget ScaleTargetRef { get; set; } = new();
        [JsonPropertyName("minReplicaCount")] public int? MinReplicaCount { get; set; }
        [JsonPropertyName("maxReplicaCount")] public int? MaxReplicaCount { get; set; }
        [JsonPropertyName("pollingInterval")] public int? PollingInterval { get; set; }
        [JsonPropertyName("cooldownPeriod")] public int? CooldownPeriod { get; set; }
        [JsonPropertyName("advanced")] public AdvancedSpec? Advanced { get; set; }
        [JsonPropertyName("triggers")] public List<Trigger> Triggers { get; set; } = [];
    }

    public sealed class ScaleTarget
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("kind")] public string? Kind { get; set; }
    }

    public sealed class AdvancedSpec
    {
        [JsonPropertyName("horizontalPodAutoscalerConfig")] public HpaConfig? HorizontalPodAutoscalerConfig { get; set; }
    }

    public sealed class HpaConfig
    {
        [JsonPropertyName("behavior")] public V2HorizontalPodAutoscalerBehavior? Behavior { get; set; }
    }

    public sealed class Trigger
    {
        [JsonPropertyName("type")] public string Type { get; set; } = "";
        [JsonPropertyName("metadata")] public Dictionary<string, string> Metadata { get; set; } = [];
    }
}
