/*
 * bcryptprimitives.dll for Wine 8, which has none.
 *
 * Rust's standard library on Windows takes its randomness (HashMap keys
 * among them) from ProcessPrng in bcryptprimitives.dll, linked at load
 * time: without the DLL every Rust .exe stops before main with status
 * c0000135 (a DLL not found). This stand-in exports that one function
 * and asks advapi32's RtlGenRandom (SystemFunction036), which Wine has,
 * for the bytes. Only for running the Windows tests under Wine in CI
 * (.ci/run builds it and copies it into the Wine prefix's system32);
 * never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    /* Documented to always succeed. */
    return TRUE;
}
