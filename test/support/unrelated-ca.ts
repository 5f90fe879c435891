// A CA certificate that has nothing to do with the test cluster: valid PEM for input
// parsing, and a CA the test API server's certificate was not signed by.
// A self-signed certificate made for these tests only (openssl req -x509, prime256v1).
export const UNRELATED_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBizCCATGgAwIBAgIUJhz4EYUhpm/Ucx6zH6dZJvbE33MwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPZWtzLXNmbi10ZXN0LWNhMCAXDTI2MTEyODIxNTQ1NloYDzIx
MjYxMTA0MjE1NDU2WjAaMRgwFgYDVQQDDA9la3Mtc2ZuLXRlc3QtY2EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAR36sVTpON06oqSWbHIodP6OM7fcLJyoo7TrKgN
wGu1l1cu8/SIL+ZZQoKYQ6lGOAEQA0GNm/mqZghsVZ22lkfco1MwUTAdBgNVHQ4E
FgQUZtcThUTW5mB3WsCGVMY+xyFKy7YwHwYDVR0jBBgwFoAUZtcThUTW5mB3WsCG
VMY+xyFKy7YwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBI1Thh
Q9dcrZpdciOFv9eOMZK6uXJ97mEirht9aVLZGAIhAORWpYrqs18yGJkUSxD+Aq9O
I84uovpW875PCVy/KjfZ
-----END CERTIFICATE-----
`;

/** base64 of the PEM, as EKS's certificateAuthority.data gives a CA. */
export const UNRELATED_CA_DATA = Buffer.from(UNRELATED_CA_PEM).toString("base64");
