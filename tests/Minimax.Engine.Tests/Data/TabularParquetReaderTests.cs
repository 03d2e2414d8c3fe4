using Minimax.Engine.Data;
using Parquet;
using Parquet.Schema;
using static Minimax.Engine.Tests.Data.SmallTabular;

namespace Minimax.Engine.Tests.Data;

/// <summary>Parquet files read like CSV: columns by name, and nulls and text where numbers belong named.</summary>
public sealed class TabularParquetReaderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Parquet_round_trip()
    {
        var train = WriteParquet("train.parquet", [0, 0, 1, 1], [0, 1, 0, 1], [0.5, 1.5, 2.5, 3.5], [1f, 2f, 3f, 4f]);
        var val = WriteParquet("val.parquet", [1, 0], [1, 0], [9.0, 8.0], [7f, 6f]);
        var options = new TabularDataOptions(DataFileFormat.Parquet, train, val, val, "y", null, ["place"], [], false);

        TabularDatasetReader.ValidateColumns(options);
        var dataset = TabularDatasetReader.Read(options);
        Assert.Equal(["x", "z"], dataset.FeatureNames);
        Assert.Equal([0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f, 4f], dataset.Train.Features);
        Assert.Equal([0, 1, 2, 3], dataset.Train.Groups);
        Assert.Equal([3, 0], dataset.Test.Groups);
        Assert.Equal([9f, 7f, 8f, 6f], dataset.Val.Features);

        var missing = options with { Features = ["x", "nope"] };
        AssertPlace(Assert.Throws<DataException>(() => TabularDatasetReader.ValidateColumns(missing)), train, 1, "nope");
    }

    [Fact]
    public async Task Parquet_null_and_text_columns_are_rejected()
    {
        var file = Path.Combine(directory.Path, "nulls.parquet");
        var y = new DataField<int>("y");
        var x = new DataField<double?>("x");
        var name = new DataField<string>("name");
        await using (var stream = File.Create(file))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(y, x, name), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(y, new[] { 0, 1 }.AsMemory());
            await group.WriteAsync<double>(x, new double?[] { 1.0, null }.AsMemory());
            await group.WriteAsync(name, new[] { "a", "b" });
        }

        var options = new TabularDataOptions(DataFileFormat.Parquet, file, file, file, "y", null, [], ["x"], false);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        Assert.Equal("x", e.Column);
        Assert.Contains("row 2", e.Message);

        var implicitFeatures = options with { Features = [] };
        e = Assert.Throws<DataException>(() => TabularDatasetReader.ValidateColumns(implicitFeatures));
        Assert.Equal("name", e.Column);
        Assert.Contains("not numeric", e.Message);
    }

    private string WriteParquet(string name, int[] y, long[] place, double[] x, float[] z)
    {
        var file = Path.Combine(directory.Path, name);
        var fields = new DataField[] { new DataField<int>("y"), new DataField<long>("place"), new DataField<double>("x"), new DataField<float>("z") };
        Task.Run(async () =>
        {
            await using var stream = File.Create(file);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], y.AsMemory());
            await group.WriteAsync<long>(fields[1], place.AsMemory());
            await group.WriteAsync<double>(fields[2], x.AsMemory());
            await group.WriteAsync<float>(fields[3], z.AsMemory());
        }).GetAwaiter().GetResult();
        return file;
    }
}
