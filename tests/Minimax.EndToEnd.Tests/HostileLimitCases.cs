using Minimax.Silo.Hosting;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// A valid spec of one kind pushed just past one limit by its overrides (or an edit of its text): the
/// submit must be refused with INVALID_ARGUMENT naming <see cref="Field"/>.
/// </summary>
public sealed record HostileLimitCase(string Name, HostileTemplate Template, string Field, IReadOnlyList<string>? Overrides = null, Func<string, string>? Edit = null)
{
    public HostileCase Input() => new($"limit: {Name}", Edit is null ? Template.Spec() : Edit(Template.Spec()), Overrides ?? []);
}

/// <summary>The cluster's limits for every job kind, one line per case; a new limit is a new line here.</summary>
public static class HostileLimitCases
{
    private static readonly int MaxSpecBytes = new RunLimits().MaxSpecBytes;
    private static readonly int MaxOverrides = new RunLimits().MaxOverrides;
    private static readonly int MaxWorkers = new RunLimits().MaxWorkers;

    public static IReadOnlyList<HostileLimitCase> All { get; } =
    [
        new("spec bytes, train spec", HostileTemplates.Train, "spec_yaml", Edit: yaml => yaml + Comment(MaxSpecBytes)),
        new("spec bytes, doremi spec", HostileTemplates.DoReMi, "spec_yaml", Edit: yaml => yaml + Comment(MaxSpecBytes)),
        new("spec bytes, evaluation spec", HostileTemplates.Evaluation, "spec_yaml", Edit: yaml => yaml + Comment(MaxSpecBytes)),
        new("spec bytes, train spec and one override", HostileTemplates.Train, "overrides", ["name=x" + Comment(MaxSpecBytes - 100)]),
        new("spec bytes, doremi spec and one override", HostileTemplates.DoReMi, "overrides", ["name=x" + Comment(MaxSpecBytes - 100)]),
        new("spec bytes, evaluation spec and one override", HostileTemplates.Evaluation, "overrides", ["name=x" + Comment(MaxSpecBytes - 100)]),
        new("spec bytes, spec and many small overrides", HostileTemplates.DoReMi, "overrides", Repeat("seed=1" + Comment(MaxSpecBytes / 90), 99)),
        new("spec bytes, multi-byte override", HostileTemplates.Evaluation, "overrides", ["name=x #" + new string('\u00e9', MaxSpecBytes / 2)]),
        new("override count, train", HostileTemplates.Train, "overrides", Repeat("seed=1", MaxOverrides + 1)),
        new("override count, doremi", HostileTemplates.DoReMi, "overrides", Repeat("seed=1", MaxOverrides + 1)),
        new("override count, evaluation", HostileTemplates.Evaluation, "overrides", Repeat("name=x", MaxOverrides + 1)),
        new("override count, empty overrides", HostileTemplates.Train, "overrides", Repeat("", MaxOverrides + 1)),
        new("workers, train", HostileTemplates.Train, "training.workers", [$"training.workers={MaxWorkers + 1}"]),
        new("workers, doremi", HostileTemplates.DoReMi, "training.workers", [$"training.workers={MaxWorkers + 1}"]),
        new("names, 80k features in the spec", HostileTemplates.Train, "data.features", Edit: yaml => yaml.Replace("features: [f0, f1, f2]", $"features: [{Names("f", 80_000)}]")),
        new("names, 80k features in an override", HostileTemplates.Train, "data.features", [$"data.features=[{Names("f", 80_000)}]"]),
        new("names, 80k reference weights", HostileTemplates.DoReMi, "doremi.reference_weights", [$"doremi.reference_weights={{{Names("d", 80_000, ": 1")}}}"]),
        new("names, 80k mixture keys of a text run", HostileTemplates.Train, "data.mixture", Edit: _ => TextRun($"{{{Names("d", 80_000, ": 1")}}}")),
        new("worker memory, the issue's transformer as a doremi proxy", HostileTemplates.DoReMi, "model.ff, model.context, data.tokenizer", ["model.ff=65536", "model.context=4096", "training.batch_size=16"]),
        new("worker memory, a million-row batch", HostileTemplates.Train, "model.hidden, training.batch_size", ["training.batch_size=1000000", "model.hidden=[4096]"]),
        new("doremi rounds", HostileTemplates.DoReMi, "doremi.rounds", ["doremi.rounds=21"]),
        new("spec bytes, sweep spec", HostileTemplates.Sweep, "spec_yaml", Edit: yaml => yaml + Comment(MaxSpecBytes)),
        new("sweep trials", HostileTemplates.Sweep, "grid.seed", [$"grid.seed=[{string.Join(", ", Enumerable.Range(0, 257))}]"]),
        new("sweep parallel", HostileTemplates.Sweep, "parallel", ["parallel=65"]),
        new("sweep parallel above the tenant's jobs", HostileTemplates.Sweep, "parallel", [$"parallel={new RunLimits().MaxConcurrentRunsPerTenant + 1}"]),
        new("sweep expansion, 100 trials of a 20k-feature base", HostileTemplates.Sweep, "grid",
            [$"base.data.features=[{Names("f", 20_000)}]", $"grid.seed=[{string.Join(", ", Enumerable.Range(0, 100))}]"]),
        new("workers, sweep base", HostileTemplates.Sweep, "base.training.workers", [$"base.training.workers={MaxWorkers + 1}"]),
        new("names, 80k features in a sweep's base", HostileTemplates.Sweep, "base.data.features", [$"base.data.features=[{Names("f", 80_000)}]"]),
        new("evaluation models", HostileTemplates.Evaluation, "models", [$"models=[{string.Join(", ", Enumerable.Range(0, 33).Select(i => $"{{name: m{i}, run: {HostileTemplates.EvaluatedRunId}}}"))}]"]),
    ];

    private static string TextRun(string mixture) => $"""
        name: hostile-text
        data:
          format: text_folders
          train: corpus/train
          heldout: corpus/heldout
          mixture: {mixture}
        model: {"{"} kind: transformer, layers: 1, heads: 2, width: 16, ff: 32, context: 16 {"}"}
        training:
          steps: 2
          batch_size: 4
        """;

    private static string Comment(int bytes) => " #" + new string('c', bytes);

    private static string[] Repeat(string assignment, int count) => Enumerable.Repeat(assignment, count).ToArray();

    private static string Names(string prefix, int count, string suffix = "") =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"{prefix}{i}{suffix}"));
}
