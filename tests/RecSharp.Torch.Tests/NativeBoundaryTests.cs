using RecSharp.Torch.Native;

namespace RecSharp.Torch.Tests;

[Collection(SerialCollection.Name)]
public class NativeBoundaryTests
{
    [Theory]
    [InlineData(0, "debug c10::Error")]
    [InlineData(1, "debug std::exception")]
    [InlineData(2, "unknown native exception")]
    public void ExceptionsNeverCrossTheBoundary(int kind, string expected)
    {
        var ex = Assert.Throws<TorchException>(() => NativeMethods.Check(NativeMethods.rs_debug_throw(kind)));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void ShapeMismatchCarriesLibtorchMessage()
    {
        using var a = torch.Zeros(2, 3);
        using var b = torch.Zeros(4, 5);
        var ex = Assert.Throws<TorchException>(() => a.Mm(b));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", ex.Message);
        Assert.DoesNotContain("Exception raised from", ex.Message); // no C++ backtrace
    }

    [Fact]
    public void UseAfterDisposeIsAClearError()
    {
        var a = torch.Ones(3);
        a.Dispose();
        var ex = Assert.Throws<ObjectDisposedException>(() => a.Sum());
        Assert.Contains("used after it was disposed", ex.Message);
    }

    [Fact]
    public void RoundTripsDataWithOneCopy()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        using var t = torch.Tensor(data, 2, 3);
        Assert.Equal(new long[] { 2, 3 }, t.Shape);
        Assert.Equal(ScalarType.Float32, t.DType);
        Assert.Equal(data, t.ToArray<float>());
        data[0] = 100; // the tensor owns a copy
        Assert.Equal(1f, t.ToArray<float>()[0]);
    }

    [Fact]
    public void WrongDtypeCopyIsRejected()
    {
        using var t = torch.Tensor(new long[] { 1, 2 });
        var ex = Assert.Throws<TorchException>(() => t.ToArray<float>());
        Assert.Equal("cannot copy a Int64 tensor into a Single buffer; convert it with To(ScalarType.Float32) first", ex.Message);
    }

    [Fact]
    public void DisposeScopeFreesEverythingButWhatMovesOut()
    {
        long before = LiveTensors.SettledCount();
        Tensor kept;
        using (torch.NewDisposeScope())
        {
            var a = torch.Ones(4, 4);
            var b = a.Mul(2).Add(1).Sum();
            kept = b.MoveToOuterScope();
            Assert.True(torch.LiveTensorCount >= before + 4);
        }
        Assert.Equal(before + 1, torch.LiveTensorCount);
        Assert.Equal(48.0, kept.ToDouble());
        kept.Dispose();
        Assert.Equal(before, torch.LiveTensorCount);
    }
}
