using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>A small generated CSV dataset (label y, attribute a, 6 features) and a tiny spec for it.</summary>
public static class SmallData
{
    public static void Write(string directory) => SpuriousCsv.WriteSplits(directory);

    /// <summary>Paths relative to the spec directory (the data folder, which is the silos' data root).</summary>
    public static string SpecYaml(int steps) => $"""
        name: load
        seed: 5
        data:
          format: csv
          train: train.csv
          val: val.csv
          test: test.csv
          label: y
          groups_by: [a]
        model: {"{"} kind: mlp, hidden: [16] {"}"}
        objective:
          kind: group_dro
          step_size: 0.1
        training:
          workers: 1
          steps: {steps}
          batch_size: 32
          optimizer: {"{"} kind: sgd, lr: 0.05, momentum: 0.9 {"}"}
          eval_every: {Math.Max(1, steps / 2)}
          checkpoint_every: {Math.Max(1, steps / 2)}
        """;
}
