using System.Globalization;
using System.Text;

namespace Minimax.Storage.Tests;

/// <summary>A small generated CSV dataset (label y, spurious attribute a, 6 features) and a spec for it.</summary>
public sealed class TrainingData : IDisposable
{
    public TrainingData()
    {
        var random = new Random(11);
        Write("train.csv", 400, 0.9, random);
        Write("val.csv", 120, 0.5, random);
        Write("test.csv", 120, 0.5, random);
    }

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

    private void Write(string file, int rows, double agreement, Random random)
    {
        var text = new StringBuilder("y,a,f0,f1,f2,f3,f4,f5\n");
        for (var i = 0; i < rows; i++)
        {
            var y = random.Next(2);
            var a = random.NextDouble() < agreement ? y : 1 - y;
            text.Append(CultureInfo.InvariantCulture, $"{y},{a}");
            for (var f = 0; f < 6; f++)
            {
                var signal = f < 2 ? (y * 2 - 1) * 0.8 : f < 4 ? (a * 2 - 1) * 1.5 : 0;
                text.Append(CultureInfo.InvariantCulture, $",{signal + (random.NextDouble() * 2 - 1):R}");
            }
            text.Append('\n');
        }
        File.WriteAllText(Path.Combine(Directory, file), text.ToString());
    }
}
