using Minimax.Contracts.Specs.Objectives;

namespace Minimax.Contracts.Specs;

/// <summary>The snake_case names the run spec YAML uses for each enum value.</summary>
public static class SpecNames
{
    public static IReadOnlyList<KeyValuePair<string, DataFormat>> DataFormats { get; } =
        [new("csv", DataFormat.Csv), new("parquet", DataFormat.Parquet), new("text_folders", DataFormat.TextFolders), new("jsonl", DataFormat.Jsonl)];

    public static IReadOnlyList<KeyValuePair<string, ModelKind>> ModelKinds { get; } =
        [new("mlp", ModelKind.Mlp), new("transformer", ModelKind.Transformer)];

    public static IReadOnlyList<KeyValuePair<string, Activation>> Activations { get; } =
        [new("relu", Activation.Relu), new("tanh", Activation.Tanh), new("gelu", Activation.Gelu)];

    /// <summary>From the registered objective sections, so an objective's name is written once.</summary>
    public static IReadOnlyList<KeyValuePair<string, ObjectiveKind>> ObjectiveKinds { get; } =
        ObjectiveSections.All.Select(section => new KeyValuePair<string, ObjectiveKind>(section.Name, section.Kind)).ToList();

    public static IReadOnlyList<KeyValuePair<string, OptimizerKind>> OptimizerKinds { get; } =
        [new("sgd", OptimizerKind.Sgd), new("adamw", OptimizerKind.AdamW)];

    public static IReadOnlyList<KeyValuePair<string, LrScheduleKind>> LrScheduleKinds { get; } =
        [new("constant", LrScheduleKind.Constant), new("linear", LrScheduleKind.Linear), new("cosine", LrScheduleKind.Cosine), new("exponential", LrScheduleKind.Exponential)];

    public static IReadOnlyList<KeyValuePair<string, NoDecayMode>> NoDecayModes { get; } =
        [new("auto", NoDecayMode.Auto), new("true", NoDecayMode.On), new("false", NoDecayMode.Off)];

    public static IReadOnlyList<KeyValuePair<string, SelectBy>> SelectBys { get; } =
        [
            new("val_worst_group_accuracy", SelectBy.ValWorstGroupAccuracy),
            new("val_average_accuracy", SelectBy.ValAverageAccuracy),
            new("final", SelectBy.Final),
        ];

    public static IReadOnlyList<KeyValuePair<string, TokenizerKind>> Tokenizers { get; } =
        [new("bytes", TokenizerKind.Bytes), new("gpt2", TokenizerKind.Gpt2)];

    public static IReadOnlyList<KeyValuePair<string, SpecKind>> SpecKinds { get; } =
        [new("train", SpecKind.Train), new("doremi", SpecKind.DoReMi), new("evaluation", SpecKind.Evaluation), new("sweep", SpecKind.Sweep)];

    public static IReadOnlyList<KeyValuePair<string, SweepMetric>> SweepMetrics { get; } =
        [
            new("val_worst_group_accuracy", SweepMetric.ValWorstGroupAccuracy),
            new("val_average_accuracy", SweepMetric.ValAverageAccuracy),
            new("val_average_loss", SweepMetric.ValAverageLoss),
        ];

    public static IReadOnlyList<KeyValuePair<string, SignificanceTest>> SignificanceTests { get; } =
        [new("mcnemar", SignificanceTest.McNemar), new("wilson", SignificanceTest.Wilson)];

    public static IReadOnlyList<KeyValuePair<string, MultipleTestingCorrection>> Corrections { get; } =
        [new("holm", MultipleTestingCorrection.Holm), new("bh", MultipleTestingCorrection.BenjaminiHochberg), new("none", MultipleTestingCorrection.None)];

    /// <summary>The YAML name of <paramref name="value"/>, for example <c>group_dro</c>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        foreach (var (name, candidate) in Table<T>())
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"no spec name for {typeof(T).Name}.{value}");
    }

    public static bool TryParse<T>(string name, out T value)
        where T : struct, Enum
    {
        foreach (var (candidateName, candidate) in Table<T>())
        {
            if (string.Equals(candidateName, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static IReadOnlyList<KeyValuePair<string, T>> Table<T>()
        where T : struct, Enum
    {
        object table = typeof(T) switch
        {
            var t when t == typeof(DataFormat) => DataFormats,
            var t when t == typeof(ModelKind) => ModelKinds,
            var t when t == typeof(Activation) => Activations,
            var t when t == typeof(ObjectiveKind) => ObjectiveKinds,
            var t when t == typeof(OptimizerKind) => OptimizerKinds,
            var t when t == typeof(SelectBy) => SelectBys,
            var t when t == typeof(LrScheduleKind) => LrScheduleKinds,
            var t when t == typeof(NoDecayMode) => NoDecayModes,
            var t when t == typeof(TokenizerKind) => Tokenizers,
            var t when t == typeof(SpecKind) => SpecKinds,
            var t when t == typeof(SweepMetric) => SweepMetrics,
            var t when t == typeof(SignificanceTest) => SignificanceTests,
            var t when t == typeof(MultipleTestingCorrection) => Corrections,
            _ => throw new ArgumentException($"{typeof(T).Name} is not a run spec enum", nameof(T)),
        };
        return (IReadOnlyList<KeyValuePair<string, T>>)table;
    }
}
