using Minimax.Engine.Data;
using static Minimax.Engine.Tests.Data.SmallTabular;

namespace Minimax.Engine.Tests.Data;

public sealed class TabularDatasetReaderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Groups_by_combines_label_and_attribute()
    {
        var dataset = TabularDatasetReader.Read(Options(Train, Holdout, Holdout));

        Assert.Equal(2, dataset.ClassCount);
        Assert.Equal(4, dataset.GroupCount);
        Assert.Equal(["f1", "f2"], dataset.FeatureNames);
        Assert.Equal([0, 1, 2, 3, 0], dataset.Train.Groups);
        Assert.Equal([3, 0], dataset.Val.Groups);
        Assert.Equal([2L, 1, 1, 1], dataset.TrainGroupCounts);
        Assert.Equal([0, 0, 1, 1, 0], dataset.Train.Labels);
    }

    [Fact]
    public void Two_attributes_combine_mixed_radix()
    {
        const string train = "y,a,b,f\n0,0,0,1\n0,1,2,1\n1,1,1,1\n1,0,2,1\n";
        var options = Options(train, train, train) with { GroupsBy = ["a", "b"] };
        var dataset = TabularDatasetReader.Read(options);

        // A = 2·3; g = y·6 + a·3 + b.
        Assert.Equal(12, dataset.GroupCount);
        Assert.Equal([0, 5, 10, 8], dataset.Train.Groups);
    }

    [Fact]
    public void Group_column_and_explicit_features()
    {
        const string train = "name,y,g,f1,f2\nx,0,0,1,2\nz,1,2,3,4\nw,1,1,5,6\n";
        var options = Options(train, train, train) with { GroupsBy = [], Group = "g", Features = ["f2"] };
        var dataset = TabularDatasetReader.Read(options);
        Assert.Equal(3, dataset.GroupCount);
        Assert.Equal([0, 2, 1], dataset.Train.Groups);
        Assert.Equal([2f, 4f, 6f], dataset.Train.Features);
        Assert.Equal(1, dataset.Train.FeatureCount);
    }

    [Fact]
    public void Features_are_used_as_given_unless_standardized()
    {
        var raw = TabularDatasetReader.Read(Options(Train, Holdout, Holdout));
        Assert.Equal([1f, 10f, 2f, 20f, 3f, 30f, 4f, 40f, 5f, 50f], raw.Train.Features);

        var scaled = TabularDatasetReader.Read(Options(Train, Holdout, Holdout) with { Standardize = true });
        var f1 = Enumerable.Range(0, 5).Select(r => (double)scaled.Train.Features[r * 2]).ToArray();
        Assert.Equal(0.0, f1.Average(), 1e-6);
        Assert.Equal(1.0, Math.Sqrt(f1.Select(v => v * v).Average()), 1e-6);

        // Validation uses the training mean 3 and std √2.
        Assert.Equal((1.5 - 3) / Math.Sqrt(2), scaled.Val.Features[0], 1e-6);
    }

    [Fact]
    public void Constant_feature_keeps_std_one()
    {
        const string train = "y,place,f\n0,0,7\n1,1,7\n";
        var dataset = TabularDatasetReader.Read(Options(train, train, train) with { Standardize = true });
        Assert.Equal([0f, 0f], dataset.Train.Features);
    }

    [Fact]
    public void Slice_copies_rows()
    {
        var split = TabularDatasetReader.Read(Options(Train, Holdout, Holdout)).Train;
        var slice = split.Slice(1, 2);
        Assert.Equal(2, slice.Count);
        Assert.Equal([2f, 20f, 3f, 30f], slice.Features);
        Assert.Equal([1, 2], slice.Groups);
        slice.Features[0] = 99;
        Assert.Equal(2f, split.Features[2]);
    }

    [Fact]
    public void Quoted_fields_and_crlf_are_read()
    {
        const string train = "\"y\",place,\"f,1\"\r\n0,0,\"1.5\"\r\n1,1,2\r\n";
        var dataset = TabularDatasetReader.Read(Options(train, train, train) with { Features = ["f,1"] });
        Assert.Equal([1.5f, 2f], dataset.Train.Features);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var options = Options(Train, Holdout, Holdout) with { TestPath = Path.Combine(directory.Path, "absent.csv") };
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        Assert.Equal(options.TestPath, e.File);
        Assert.Contains("absent.csv", e.Message);
        Assert.Throws<DataException>(() => TabularDatasetReader.ValidateColumns(options));
    }

    [Fact]
    public void Missing_column_is_named()
    {
        var options = Options(Train, "y,f1,f2\n0,1,2\n", Holdout);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.ValidateColumns(options));
        AssertPlace(e, options.ValPath, 1, "place");
        e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        AssertPlace(e, options.ValPath, 1, "place");

        var features = Options(Train, Holdout, Holdout) with { Features = ["f1", "f9"] };
        AssertPlace(Assert.Throws<DataException>(() => TabularDatasetReader.ValidateColumns(features)), features.TrainPath, 1, "f9");
    }

    [Fact]
    public void Valid_columns_pass_validation()
    {
        TabularDatasetReader.ValidateColumns(Options(Train, Holdout, Holdout));
    }

    [Fact]
    public void Non_numeric_value_names_line_and_column()
    {
        var options = Options(Train, Holdout, "y,place,f1,f2\n0,0,1,2\n1,1,abc,3\n");
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        AssertPlace(e, options.TestPath, 3, "f1");
        Assert.Contains("'abc' is not a number", e.Message);
        Assert.StartsWith($"{options.TestPath} line 3 column 'f1': ", e.Message);
    }

    [Fact]
    public void Implicit_feature_that_is_not_numeric_is_named()
    {
        const string table = "y,place,f1,name\n0,0,1,a\n1,1,2,b\n";
        var options = Options(table, table, table);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        AssertPlace(e, options.TrainPath, 2, "name");
        Assert.Contains("list the features", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-inf")]
    [InlineData("1e999")]
    public void Non_finite_value_is_rejected(string value)
    {
        var options = Options($"y,place,f1,f2\n0,0,1,2\n1,1,{value},3\n", Holdout, Holdout);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        AssertPlace(e, options.TrainPath, 3, "f1");
    }

    [Fact]
    public void Non_integer_label_is_rejected()
    {
        var options = Options("y,place,f1,f2\n0,0,1,2\n0.5,1,1,3\n", Holdout, Holdout);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        AssertPlace(e, options.TrainPath, 3, "y");
        Assert.Contains("not an integer", e.Message);
    }

    [Fact]
    public void Non_integer_attribute_is_rejected()
    {
        var options = Options(Train, "y,place,f1,f2\n0,1.25,1,2\n", Holdout);
        AssertPlace(Assert.Throws<DataException>(() => TabularDatasetReader.Read(options)), options.ValPath, 2, "place");
    }

    [Fact]
    public void Negative_label_is_rejected()
    {
        var options = Options("y,place,f1,f2\n0,0,1,2\n1,1,1,2\n-1,0,1,3\n", Holdout, Holdout);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        AssertPlace(e, options.TrainPath, 4, "y");
        Assert.Contains("negative", e.Message);
    }

    [Fact]
    public void Label_beyond_the_training_classes_is_rejected()
    {
        var options = Options(Train, Holdout, "y,place,f1,f2\n0,0,1,2\n1,0,1,2\n2,0,1,2\n");
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        AssertPlace(e, options.TestPath, 4, "y");
        Assert.Contains("outside the training range 0..1", e.Message);
    }

    [Fact]
    public void Group_beyond_the_training_groups_is_rejected()
    {
        const string train = "y,g,f\n0,0,1\n1,1,2\n";
        var options = Options(train, "y,g,f\n0,2,1\n", train) with { GroupsBy = [], Group = "g" };
        AssertPlace(Assert.Throws<DataException>(() => TabularDatasetReader.Read(options)), options.ValPath, 2, "g");
    }

    [Fact]
    public void Single_class_is_rejected()
    {
        var options = Options("y,place,f1,f2\n0,0,1,2\n0,1,1,2\n", Holdout, Holdout);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        Assert.Equal(options.TrainPath, e.File);
        Assert.Equal("y", e.Column);
    }

    [Fact]
    public void Empty_split_is_rejected()
    {
        var options = Options(Train, "y,place,f1,f2\n", Holdout);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        Assert.Equal(options.ValPath, e.File);
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void Group_without_training_examples_is_rejected()
    {
        // Train has no (y=1, place=1) row, so group 3 exists only in validation.
        const string train = "y,place,f\n0,0,1\n0,1,2\n1,0,3\n";
        var options = Options(train, "y,place,f\n0,0,1\n1,1,2\n", train);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        Assert.Equal(options.ValPath, e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("group 3 has no training examples", e.Message);
    }

    [Fact]
    public void Ragged_row_is_rejected()
    {
        var options = Options("y,place,f1,f2\n0,0,1,2\n1,1,1\n", Holdout, Holdout);
        var e = Assert.Throws<DataException>(() => TabularDatasetReader.Read(options));
        Assert.Equal(options.TrainPath, e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 4 fields", e.Message);
    }

    private TabularDataOptions Options(string train, string val, string test) => SmallTabular.Options(directory, train, val, test);
}
