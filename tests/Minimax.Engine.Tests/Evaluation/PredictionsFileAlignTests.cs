using Minimax.Engine.Evaluation;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class PredictionsFileAlignTests
{
    private const string File = "preds.csv";

    private static readonly PredictionRecord[] Records =
    [
        new("c", 2, "resp c", 2),
        new("a", 0, null, 3),
        new("b", 1, "resp b", 4),
    ];

    [Fact]
    public void Predictions_come_back_in_data_order()
    {
        Assert.Equal([0, 1, 2], PredictionsFile.Align(Records, ["a", "b", "c"], File));
        Assert.Equal([2, 0, 1], PredictionsFile.Align(Records, ["c", "a", "b"], File));
    }

    [Fact]
    public void Records_come_back_in_data_order_with_their_responses()
    {
        var aligned = PredictionsFile.AlignRecords(Records, ["b", "c", "a"], File);
        Assert.Equal(["resp b", "resp c", null], aligned.Select(r => r.Response));
    }

    [Fact]
    public void An_id_not_in_the_data_names_its_line()
    {
        var error = DataErrorAssert.Throws(() => PredictionsFile.Align(Records, ["a", "c", "z"], File), File, 4, "id");
        Assert.Contains("'b' is not an id in the data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_id_without_a_prediction_names_the_first_one()
    {
        var error = DataErrorAssert.Throws(
            () => PredictionsFile.Align(Records, ["a", "y", "b", "c", "x"], File), File, null, "id");
        Assert.Contains("'y'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_repeating_an_id_are_an_error()
    {
        PredictionRecord[] records = [new("a", 0, null, 2), new("a", 1, null, 9)];
        var error = DataErrorAssert.Throws(() => PredictionsFile.Align(records, ["a"], File), File, 9, "id");
        Assert.Contains("lines 2 and 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_data_ids_are_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => PredictionsFile.Align(Records, ["a", "b", "c", "a"], File));
    }
}
