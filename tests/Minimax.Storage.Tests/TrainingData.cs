using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>A small generated CSV dataset (label y, spurious attribute a, 6 features) and a spec for it.</summary>
public sealed class TrainingData : IDisposable
{
    public TrainingData() => SpuriousCsv.WriteSplits(Directory);

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("minimax-storage-data-").FullName;

    public static string SpecYaml(int steps = 20, int workers = 2) =>
        SpuriousCsv.SpecYaml("storage-test", steps, workers, evalEvery: 5);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
