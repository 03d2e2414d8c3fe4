using Minimax.Engine.Data;
using Parquet;
using Parquet.Schema;
using static Minimax.Engine.Tests.Data.SmallTabular;

namespace Minimax.Engine.Tests.Data;

public sealed class TabularTestSetTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void The_layout_is_what_Read_trains_with()
    {
        var options = Options(Train, Holdout, Holdout) with { Standardize = true };

        var layout = TabularDatasetReader.ReadLayout(options);
        var dataset = TabularDatasetReader.Read(options);

        Assert.Equal(dataset.FeatureNames, layout.Features);
        Assert.Equal(dataset.ClassCount, layout.ClassCount);
        Assert.Equal([3.0, 30.0], layout.Scaling!.Mean);
        Assert.Equal([Math.Sqrt(2), Math.Sqrt(200)], layout.Scaling.Std);
        var test = TabularTestSet.Read(new TabularTestOptions(DataFileFormat.Csv, options.TestPath, "y", null, ["place"]));
        Assert.Equal(dataset.Test.Features, test.Split(layout, layout.Features).Features);
        Assert.Null(TabularDatasetReader.ReadLayout(options with { Standardize = false }).Scaling);
    }

    [Fact]
    public void Groups_and_row_number_ids_come_from_the_test_file_alone()
    {
        var file = directory.Write("test.csv", "y,place,f1,f2\n1,1,1.5,15\n0,0,2.5,25\n1,0,0,0\n");

        var test = TabularTestSet.Read(new TabularTestOptions(DataFileFormat.Csv, file, "y", null, ["place"]));

        Assert.Equal(3, test.Count);
        Assert.Equal([1, 0, 1], test.Labels);
        Assert.Equal([3, 0, 2], test.Groups);
        Assert.Equal(4, test.GroupCount);
        Assert.Equal(2, test.ClassCount);
        Assert.Equal(["0", "1", "2"], test.Ids);
        Assert.Null(test.Classes);
    }

    [Fact]
    public void Other_columns_stand_in_for_the_models_features_in_order()
    {
        var file = directory.Write("test.csv", "id,y,g,a,b,kind\n\"x,1\",0,2,7,8,cat\nx2,1,0,9,10,dog\n");
        var layout = new FeatureLayout(["f1", "f2"], 2, null);

        var test = TabularTestSet.Read(new TabularTestOptions(DataFileFormat.Csv, file, "y", "g", [], Id: "id", ClassColumn: "kind"));
        var split = test.Split(layout, ["b", "a"]);

        Assert.Equal(["x,1", "x2"], test.Ids);
        Assert.Equal(["cat", "dog"], test.Classes!);
        Assert.Equal([2, 0], test.Groups);
        Assert.Equal(3, test.GroupCount);
        Assert.Equal([8f, 7f, 10f, 9f], split.Features);
        Assert.Throws<ArgumentException>(() => test.Split(layout, ["a"]));
        var missing = Assert.Throws<DataException>(() => test.Split(layout, ["a", "nope"]));
        Assert.Equal("nope", missing.Column);
    }

    [Fact]
    public void A_repeated_id_is_named_by_its_line()
    {
        var file = directory.Write("test.csv", "id,y,f\na,0,1\nb,1,2\na,1,3\n");

        var e = Assert.Throws<DataException>(() => TabularTestSet.Read(new TabularTestOptions(DataFileFormat.Csv, file, "y", null, [], Id: "id")));

        Assert.Equal("id", e.Column);
        Assert.Equal(4, e.Line);
        Assert.Contains("id 'a' is also the id of an earlier example", e.Message);
    }

    [Fact]
    public void A_missing_named_column_is_reported_before_any_value_is_read()
    {
        var file = directory.Write("test.csv", "y,f\n0,1\n");

        var e = Assert.Throws<DataException>(() => TabularTestSet.Read(new TabularTestOptions(DataFileFormat.Csv, file, "y", "g", [])));

        Assert.Equal("g", e.Column);
    }

    [Fact]
    public async Task Parquet_ids_are_text_or_numbers_in_invariant_form()
    {
        var file = Path.Combine(directory.Path, "test.parquet");
        var y = new DataField<int>("y");
        var number = new DataField<long>("number");
        var name = new DataField<string>("name");
        await using (var stream = File.Create(file))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(y, number, name), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(y, new[] { 0, 1 }.AsMemory());
            await group.WriteAsync<long>(number, new[] { 10L, 123456789L }.AsMemory());
            await group.WriteAsync(name, new[] { " q1 ", "q2" });
        }

        Assert.Equal(["10", "123456789"], TabularTestSet.Read(new TabularTestOptions(DataFileFormat.Parquet, file, "y", null, [], Id: "number")).Ids);
        Assert.Equal(["q1", "q2"], TabularTestSet.Read(new TabularTestOptions(DataFileFormat.Parquet, file, "y", null, [], Id: "name")).Ids);
    }

    private TabularDataOptions Options(string train, string val, string test) => SmallTabular.Options(directory, train, val, test);
}
