using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>A small generated CSV dataset (label y, spurious attribute a, 6 features) and a spec for it.</summary>
public sealed class TrainingData : IDisposable
{
    public TrainingData() => SpuriousCsv.WriteSplits(Directory);

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("minimax-storage-data-").FullName;

    public static string SpecYaml(int steps = 20, int workers = 2) => $"""
        name: storage-test
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
          workers: {workers}
          steps: {steps}
          batch_size: 32
          optimizer: {"{"} kind: sgd, lr: 0.05, momentum: 0.9 {"}"}
          eval_every: 5
        """;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
