namespace Minimax.Engine.Evaluation;

/// <summary>
/// One row of a predictions file: the example's id, the predicted class, the model's raw response when the file has
/// one, and the 1-based line the record starts on (for error messages).
/// </summary>
public sealed record PredictionRecord(string Id, int Prediction, string? Response, int Line);
