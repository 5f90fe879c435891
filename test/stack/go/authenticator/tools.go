//go:build tools

// Keeps the authenticator's command in this module's requirements so that
// `go build sigs.k8s.io/aws-iam-authenticator/cmd/aws-iam-authenticator` works here.
package tools

import _ "sigs.k8s.io/aws-iam-authenticator/cmd/aws-iam-authenticator"
