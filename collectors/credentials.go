package collectors

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"
)

// BaseCredential returns the credential tsa starts from: the SDK's chain (environment, the
// ~/.tencentcloud/credentials profile, the CVM instance role). The SDK reads no token from the
// environment, so temporary keys there are taken from TENCENTCLOUD_SECURITY_TOKEN by tsa.
func BaseCredential() (common.CredentialIface, error) {
	id, key, token := os.Getenv("TENCENTCLOUD_SECRET_ID"), os.Getenv("TENCENTCLOUD_SECRET_KEY"), os.Getenv("TENCENTCLOUD_SECURITY_TOKEN")
	if id != "" && key != "" && token != "" {
		return common.NewTokenCredential(id, key, token), nil
	}
	cred, err := common.DefaultProviderChain().GetCredential()
	if err != nil {
		return nil, fmt.Errorf("no Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, "+
			"write ~/.tencentcloud/credentials, or run on a CVM with a CAM role (%v)", err)
	}
	return cred, nil
}

// Role is a CAM role tsa assumes to scan an account.
type Role struct {
	ARN         string // qcs::cam::uin/<uin>:roleName/<name>
	ExternalID  string
	SessionName string
	Duration    time.Duration // zero means 1 hour
}

// refreshBefore is how long before expiry temporary credentials are replaced: 5 minutes, or
// a fifth of their life when they were issued for less than 25 minutes (so short-lived
// credentials are not replaced before every call).
const refreshBefore = 5 * time.Minute

// RoleCredential holds STS temporary credentials for a role and replaces them before they
// expire. Unlike the SDK's RoleArnProvider it sends the ExternalId, follows tsa's endpoint and
// transport, and reports a failed refresh instead of keeping stale keys silently.
type RoleCredential struct {
	caller *Caller
	client *Client // the base credential's client for STS calls
	role   Role
	now    func() time.Time

	mu      sync.RWMutex
	cur     *common.Credential
	expires time.Time
	margin  time.Duration // replace the credentials this long before they expire
}

// AssumeRole enters a role with the base credential and returns its refreshing credential.
func (c *Caller) AssumeRole(ctx context.Context, base common.CredentialIface, role Role) (*RoleCredential, error) {
	if role.SessionName == "" {
		role.SessionName = "tsa-scan"
	}
	if role.Duration == 0 {
		role.Duration = time.Hour
	}
	r := &RoleCredential{caller: c, client: c.Client("", "", base), role: role, now: c.settings.Now}
	if err := r.Refresh(ctx, true); err != nil {
		return nil, err
	}
	return r, nil
}

// Refresh takes new temporary credentials when forced or when the current ones are near expiry.
func (r *RoleCredential) Refresh(ctx context.Context, force bool) error {
	return r.refreshIf(ctx, func() bool { return force || r.cur == nil || !r.now().Add(r.margin).Before(r.expires) })
}

// renew replaces credentials the API refused as expired (stale is their SecretId), unless
// another call has replaced them already.
func (r *RoleCredential) renew(ctx context.Context, stale string) error {
	return r.refreshIf(ctx, func() bool { return r.cur == nil || r.cur.SecretId == stale })
}

// refreshIf assumes the role again when need, checked under the lock, says so.
func (r *RoleCredential) refreshIf(ctx context.Context, need func() bool) error {
	r.mu.RLock()
	n := need()
	r.mu.RUnlock()
	if !n {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !need() {
		return nil // another goroutine refreshed while we waited
	}
	cl, err := newSDK(r.client, func(cred common.CredentialIface, _ string, cpf *profile.ClientProfile) (*sts.Client, error) {
		return sts.NewClient(cred, "ap-guangzhou", cpf)
	})
	if err != nil {
		return err
	}
	req := sts.NewAssumeRoleRequest()
	req.RoleArn = common.StringPtr(r.role.ARN)
	req.RoleSessionName = common.StringPtr(r.role.SessionName)
	req.DurationSeconds = common.Uint64Ptr(uint64(r.role.Duration / time.Second))
	if r.role.ExternalID != "" {
		req.ExternalId = common.StringPtr(r.role.ExternalID)
	}
	resp, err := call(ctx, r.client, "sts:AssumeRole", func(ctx context.Context) (*sts.AssumeRoleResponse, error) {
		return cl.AssumeRoleWithContext(ctx, req)
	})
	if err != nil {
		return fmt.Errorf("assuming role %s: %w", r.role.ARN, err)
	}
	p := resp.Response
	if p == nil || p.Credentials == nil || p.ExpiredTime == nil {
		return fmt.Errorf("assuming role %s: the response holds no credentials", r.role.ARN)
	}
	expires, now := time.Unix(*p.ExpiredTime, 0), r.now()
	if !expires.After(now) {
		// Assuming again would bring the same: say so once instead of before every call.
		return callError("sts:AssumeRole", &tsaError{code: CodeClockSkew, wrapped: ErrClockSkew, message: fmt.Sprintf(
			"assuming role %s: the temporary credentials expire at %s, already past by this machine's clock (%s): "+
				"check the system clock (NTP)", r.role.ARN, expires.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))})
	}
	r.cur = common.NewTokenCredential(str(p.Credentials.TmpSecretId), str(p.Credentials.TmpSecretKey), str(p.Credentials.Token))
	r.expires = expires
	r.margin = min(refreshBefore, expires.Sub(now)/5)
	return nil
}

// Expires returns when the current temporary credentials expire.
func (r *RoleCredential) Expires() time.Time {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.expires
}

// GetCredential returns the current secret id, key and token together, as the signer needs them.
func (r *RoleCredential) GetCredential() (string, string, string) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.cur.SecretId, r.cur.SecretKey, r.cur.Token
}

// GetSecretId returns the current temporary secret id.
func (r *RoleCredential) GetSecretId() string { id, _, _ := r.GetCredential(); return id }

// GetSecretKey returns the current temporary secret key.
func (r *RoleCredential) GetSecretKey() string { _, key, _ := r.GetCredential(); return key }

// GetToken returns the current session token.
func (r *RoleCredential) GetToken() string { _, _, token := r.GetCredential(); return token }
