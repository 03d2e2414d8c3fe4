using System.Globalization;

namespace Minimax.Benchmarks;

/// <summary>
/// A model the exchange benchmark trains: an MLP over <see cref="BenchmarkData"/>'s 100 features with two
/// classes, ERM, SGD momentum, batch 256 (the foundation benchmark's recipe), with its parameter count.
/// </summary>
public sealed record ExchangeModel(IReadOnlyList<int> Hidden)
{
    private const int Classes = 2;

    /// <summary>The foundation benchmark's MLP (315,394 parameters).</summary>
    public static ExchangeModel Benchmark { get; } = new([512, 512]);

    /// <summary>About 10M parameters (9,756,674): 39 MB of fp32 gradient per step.</summary>
    public static ExchangeModel TenMillion { get; } = new([3072, 3072]);

    public string Name => $"MLP {BenchmarkData.Features}-{string.Join('-', Hidden)}-{Classes}";

    /// <summary>Weights and biases of every linear layer: the floats of one flat gradient.</summary>
    public long Parameters
    {
        get
        {
            var widths = Hidden.Prepend(BenchmarkData.Features).Append(Classes).ToArray();
            return widths.Zip(widths.Skip(1), (inputs, outputs) => (long)inputs * outputs + outputs).Sum();
        }
    }

    /// <summary>
    /// The run spec, with paths relative to the data folder. Evaluation and the checkpoint come only at the
    /// last step, so the median step is the training step alone.
    /// </summary>
    public string SpecYaml(int workers, int steps) => string.Create(CultureInfo.InvariantCulture, $$"""
        name: exchange-w{{workers}}-{{string.Join('x', Hidden)}}
        seed: 1
        data:
          train: train.csv
          val: val.csv
          test: test.csv
          label: y
          groups_by: [a]
        model: { kind: mlp, hidden: [{{string.Join(", ", Hidden)}}] }
        objective: { kind: erm }
        training:
          workers: {{workers}}
          steps: {{steps}}
          batch_size: {{MlpShape.Foundation.BatchSize}}
          optimizer: { kind: sgd, lr: 0.01, momentum: 0.9, weight_decay: 0.0001 }
          eval_every: {{steps}}
          checkpoint_every: {{steps}}
          select_by: final
        """);
}
